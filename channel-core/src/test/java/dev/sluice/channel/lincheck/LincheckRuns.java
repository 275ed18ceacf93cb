package dev.sluice.channel.lincheck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.Options;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.jspecify.annotations.Nullable;

/**
 * How the Lincheck tests run: the flavors' shape, the scenario shapes and budgets, hand-written
 * scenarios, and the one precondition.
 *
 * <p>Budgets are sized for the default build: all Lincheck tests together take about a minute on
 * two idle cores (model checking costs a few milliseconds per explored interleaving, stress well
 * under one per run). The system property {@code sluice.lincheck.scale} multiplies every
 * iteration count (the {@code stress} Maven profile sets it), so a long run explores more random
 * scenarios of the same shape.
 */
final class LincheckRuns {
    /** Multiplies the iterations (random scenarios) of every run; 1 in the default build. */
    static final int SCALE = Integer.getInteger("sluice.lincheck.scale", 1);

    /** Model checking: random scenarios, and interleavings explored per scenario. */
    static final int MODEL_CHECKING_ITERATIONS = 12;

    static final int MODEL_CHECKING_INVOCATIONS = 30;
    /** Stress: random scenarios, and runs per scenario. */
    static final int STRESS_ITERATIONS = 10;

    static final int STRESS_INVOCATIONS = 200;

    private LincheckRuns() {}

    /**
     * A channel flavor under Lincheck: its operations, its model, the hand-written scenarios model
     * checking explores first, and its model-checking budget (random scenarios, interleavings per
     * scenario). The operations and the model are usually a {@link ChannelOperations} and a {@link
     * ChannelModel}; a test of several channels at once ({@link SelectLincheckTest}) brings its own.
     */
    record CheckedFlavor(
            String name,
            Class<?> operations,
            Class<?> model,
            List<Scenario> scenarios,
            int modelCheckingIterations,
            int modelCheckingInvocations) {

        /**
         * A flavor checked with the scenarios of {@link LincheckScenarios#standard} for a channel
         * with room for {@code fill} elements, and the default budgets.
         */
        static CheckedFlavor of(
                String name,
                Class<? extends ChannelOperations> operations,
                Class<? extends ChannelModel> model,
                int fill) {
            return new CheckedFlavor(
                    name,
                    operations,
                    model,
                    LincheckScenarios.standard(operations, fill),
                    MODEL_CHECKING_ITERATIONS,
                    MODEL_CHECKING_INVOCATIONS);
        }

        /** This flavor with {@code more} hand-written scenarios, explored before the others. */
        CheckedFlavor with(List<Scenario> more) {
            List<Scenario> all = new ArrayList<>(more);
            all.addAll(scenarios);
            return new CheckedFlavor(
                    name, operations, model, List.copyOf(all), modelCheckingIterations, modelCheckingInvocations);
        }

        /** This flavor with a smaller model-checking budget, for one whose interleavings cost more. */
        CheckedFlavor modelCheckingBudget(int iterations, int invocations) {
            return new CheckedFlavor(name, operations, model, scenarios, iterations, invocations);
        }

        /**
         * Model checking: Lincheck runs one thread at a time and switches between them at
         * shared-memory accesses, exploring many interleavings of each scenario: the hand-written
         * ones first, then random ones of 2 threads × 3 operations, with 2 operations before and 2
         * after.
         */
        void modelCheck() {
            ModelCheckingOptions options = new ModelCheckingOptions()
                    .threads(2)
                    .actorsPerThread(3)
                    .actorsBefore(2)
                    .actorsAfter(2)
                    .iterations(modelCheckingIterations * SCALE)
                    .invocationsPerIteration(modelCheckingInvocations)
                    .sequentialSpecification(model);
            for (Scenario scenario : scenarios) {
                options.addCustomScenario(scenario.build(operations));
            }
            check(operations, options);
        }

        /**
         * Stress: real threads started together, each random scenario (3 threads × 3 operations, 2
         * before, 3 after) run many times.
         */
        void stress() {
            check(
                    operations,
                    new StressOptions()
                            .threads(3)
                            .actorsPerThread(3)
                            .actorsBefore(2)
                            .actorsAfter(3)
                            .iterations(STRESS_ITERATIONS * SCALE)
                            .invocationsPerIteration(STRESS_INVOCATIONS)
                            .sequentialSpecification(model));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Runs Lincheck; throws {@code LincheckAssertionError} with the scenario and trace on failure. */
    static void check(Class<?> operations, Options<?, ?> options) {
        assumeLincheckCanInstrument();
        LinChecker.check(operations, options);
    }

    /**
     * A hand-written scenario: operations by name ({@code "trySend 3"}, {@code "tryRecv"}) run
     * before, in parallel threads, and after. Each thread must respect the flavor's handle groups
     * (see {@link ChannelOperations}): Lincheck runs a hand-written scenario as written.
     */
    static final class Scenario {
        private final List<String> init = new ArrayList<>();
        private final List<List<String>> threads = new ArrayList<>();
        private final List<String> post = new ArrayList<>();

        static Scenario init(String... operations) {
            Scenario scenario = new Scenario();
            scenario.init.addAll(Arrays.asList(operations));
            return scenario;
        }

        Scenario thread(String... operations) {
            threads.add(List.of(operations));
            return this;
        }

        Scenario post(String... operations) {
            post.addAll(Arrays.asList(operations));
            return this;
        }

        ExecutionScenario build(Class<?> operations) {
            List<List<Actor>> parallel = new ArrayList<>();
            for (List<String> thread : threads) {
                parallel.add(actors(operations, thread));
            }
            return new ExecutionScenario(actors(operations, init), parallel, actors(operations, post), null);
        }

        private static List<Actor> actors(Class<?> operations, List<String> calls) {
            List<Actor> actors = new ArrayList<>();
            for (String call : calls) {
                String[] parts = call.split(" ");
                Method method = operation(operations, parts[0]);
                List<Object> arguments = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    arguments.add(Integer.valueOf(parts[i]));
                }
                actors.add(new Actor(method, arguments, false, false, false, false, false));
            }
            return actors;
        }

        private static Method operation(Class<?> operations, String name) {
            Method method = findOperation(operations, name);
            if (method == null) {
                throw new IllegalArgumentException(operations.getSimpleName() + " has no operation " + name);
            }
            return method;
        }

        @Override
        public String toString() {
            return "init " + init + ", parallel " + threads + ", post " + post;
        }
    }

    /** The {@code @Operation} method {@code name} of a test class or its superclasses, if any. */
    static @Nullable Method findOperation(Class<?> operations, String name) {
        for (Class<?> c = operations; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.isAnnotationPresent(Operation.class)) {
                    return m;
                }
            }
        }
        return null;
    }

    /**
     * Lincheck instruments bytecode with ASM; an ASM that cannot read the running JDK's class files
     * makes it log "Unable to transform" and instrument nothing, so every check would pass without
     * exploring any interleaving. The parent POM pins an ASM that reads Java 25; on a newer JDK
     * these tests are skipped, saying why, until that pin moves.
     */
    static void assumeLincheckCanInstrument() {
        int feature = Runtime.version().feature();
        boolean readable;
        try {
            Class.forName("org.objectweb.asm.Opcodes").getField("V" + feature);
            readable = true;
        } catch (ReflectiveOperationException e) {
            readable = false;
        }
        assumeTrue(
                readable,
                "the ASM on the test classpath (which Lincheck 2.39 instruments with) cannot read Java " + feature
                        + " class files: Lincheck would instrument nothing and check nothing; raise asm.version"
                        + " in the parent POM");
    }
}
