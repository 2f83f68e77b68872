package dev.infradash.testsupport;

import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.time.Duration;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the browserless view tests without Spring: a mocked Vaadin UI (Karibu) per test, empty,
 * for the test to add its view to by hand. Find components with Karibu's locators
 * ({@code LocatorJ._get}, {@code _find}, {@code _assertNone}, {@code _click}): like a user, they
 * see only visible components. Views that need Spring's navigation and security are tested
 * through {@code security.KaribuNavigation} instead.
 */
public abstract class KaribuTest {

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup(new Routes());
        // Karibu opens "" at once, which needs Spring to build; these tests add their view by hand
        UI.getCurrent().removeAll();
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }

    /**
     * Runs the UI work other threads queued through {@code ui.access} until the assertion holds:
     * no sleeping. Polls in this thread, which holds the Vaadin session and {@code UI.getCurrent()}.
     */
    protected static void awaitUi(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(5))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .ignoreExceptions() // e.g. a series not drawn yet: its list is still empty
                .untilAsserted(() -> {
                    MockVaadin.clientRoundtrip();
                    assertion.run();
                });
    }

    /** The text a user reads in the component, its children's included. */
    protected static String text(Component component) {
        return component.getElement().getTextRecursively();
    }

    protected static boolean hasClass(Component component, String className) {
        return component.getElement().getClassList().contains(className);
    }
}
