package archfixture.fleet;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;

/** Breaks "views are package-private". */
@Route("archfixture-public")
public class PublicView extends Div {}
