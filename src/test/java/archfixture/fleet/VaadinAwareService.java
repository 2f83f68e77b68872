package archfixture.fleet;

import com.vaadin.flow.component.UI;
import org.springframework.stereotype.Service;

/** Breaks "services know nothing of Vaadin". */
@Service
public class VaadinAwareService {
    public void refresh() {
        UI.getCurrent().push();
    }
}
