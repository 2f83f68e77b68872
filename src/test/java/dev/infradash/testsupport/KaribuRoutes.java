package dev.infradash.testsupport;

import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Route;
import java.util.Set;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@code @Route} class under a package, package-private views included: the views are not
 * public (each belongs to its slice), and Karibu's own discovery registers public classes only.
 */
public final class KaribuRoutes {

    private KaribuRoutes() {}

    public static Routes discover(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        // Karibu's discovery also brings its error views (access denied, not found) that turn
        // routing errors into exceptions; the scan adds the views it leaves out.
        Routes routes = new Routes().autoDiscoverViews(basePackage);
        Set<Class<? extends Component>> views = routes.getRoutes();
        scanner.findCandidateComponents(basePackage)
                .forEach(candidate -> views.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), null)
                        .asSubclass(Component.class)));
        return routes;
    }
}
