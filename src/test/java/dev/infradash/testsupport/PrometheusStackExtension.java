package dev.infradash.testsupport;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One {@link PrometheusStack} per test class: started before the class's first test, closed after
 * its last. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PrometheusStackExtension prometheus = PrometheusStackExtension
 *         .with(stack -> stack.nodeExporters(2))
 *         .then(stack -> stack.writeTargets(...));
 *
 * @DynamicPropertySource // a @SpringBootTest hands the app the stack's URL and targets file
 * static void app(DynamicPropertyRegistry registry) {
 *     prometheus.app(registry);
 * }
 * }</pre>
 *
 * <p>{@link #stack()} starts the stack if it is not running yet: Spring may build the application
 * context, and so read the properties, before this extension's {@code beforeAll} (with a
 * per-class test instance, for one). Whichever comes first starts it, {@code afterAll} closes it.
 */
public final class PrometheusStackExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<PrometheusStack.Builder> configuration;
    private final Consumer<PrometheusStack> setUp;
    private PrometheusStack stack;

    private PrometheusStackExtension(
            UnaryOperator<PrometheusStack.Builder> configuration, Consumer<PrometheusStack> setUp) {
        this.configuration = configuration;
        this.setUp = setUp;
    }

    /** A stack with one node_exporter and the builder's other defaults. */
    public static PrometheusStackExtension withDefaults() {
        return with(UnaryOperator.identity());
    }

    /** A stack built by {@code configuration} from {@link PrometheusStack#builder()}. */
    public static PrometheusStackExtension with(UnaryOperator<PrometheusStack.Builder> configuration) {
        return new PrometheusStackExtension(configuration, stack -> {});
    }

    /** What to do once the stack runs, before any test sees it: write targets, await them up. */
    public PrometheusStackExtension then(Consumer<PrometheusStack> setUp) {
        return new PrometheusStackExtension(configuration, this.setUp.andThen(setUp));
    }

    /** The running stack, started on first use. */
    public synchronized PrometheusStack stack() {
        if (stack == null) {
            PrometheusStack started =
                    configuration.apply(PrometheusStack.builder()).start();
            try {
                setUp.accept(started);
            } catch (RuntimeException | Error e) {
                started.close();
                throw e;
            }
            stack = started;
        }
        return stack;
    }

    /** The properties every app under test needs against this stack: see {@link AppUnderTest}. */
    public void app(DynamicPropertyRegistry registry) {
        AppUnderTest.against(stack(), registry);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (stack != null) {
            try {
                stack.close();
            } finally {
                stack = null;
            }
        }
    }
}
