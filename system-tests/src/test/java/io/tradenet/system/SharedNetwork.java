package io.tradenet.system;

import io.tradenet.deploy.local.LocalNetwork;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One network of real processes (Kafka, one notary member, the ledger, the letter-of-credit service) for the
 * test classes that only add credits, shipments and transactions of their own and check those. Starting and
 * stopping a network takes 20-35 s on two cores, more than most such classes' tests take together.
 *
 * <p>A class takes it with {@code @ExtendWith(SharedNetwork.class)} and a {@link LocalNetwork} parameter on its
 * {@code @BeforeAll}: the first such class starts it, the end of the test run stops it (JUnit closes what the root
 * context's store holds). Such a class must not assume an empty ledger or count what the whole network did.
 * Classes that stop, kill, pause or reconfigure a service, or that check that nothing at all changed on the
 * network, start their own ({@link RunningNetwork}); they run first ({@link RunLast}), so that the shared
 * network, idle but not free (its four processes take about a fifth of a core), is not running beside them.
 */
final class SharedNetwork implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedNetwork.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalNetwork.class;
    }

    @Override
    public LocalNetwork resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // a LocalNetwork is AutoCloseable: JUnit closes it with the root context, at the end of the run
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(LocalNetwork.class, key -> RunningNetwork.start(1), LocalNetwork.class);
    }

    /**
     * The class order of this module (junit-platform.properties): the classes that take the shared network
     * after all others, each group by class name.
     */
    static final class RunLast implements ClassOrderer {
        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparing(RunLast::sharesTheNetwork)
                    .thenComparing(descriptor -> descriptor.getTestClass().getName()));
        }

        private static boolean sharesTheNetwork(ClassDescriptor descriptor) {
            return descriptor.findRepeatableAnnotations(ExtendWith.class).stream()
                    .anyMatch(extension -> Arrays.asList(extension.value()).contains(SharedNetwork.class));
        }
    }
}
