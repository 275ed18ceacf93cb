package dev.sluice.tck.support;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The report check, run by {@code exec:java} in the {@code verify} phase after Surefire: reads
 * {@code target/surefire-reports} and fails the build when the TCK run does not prove what it
 * should. It fails when
 *
 * <ul>
 *   <li>a verification class in {@code target/test-classes} (a concrete subclass of one of the four
 *       TCK base classes) has no report, or its report counts fewer or more tests than the class
 *       declares {@code @Test} methods: Surefire did not really discover or run it;
 *   <li>a test failed or erred (Surefire fails first, unless told to ignore failures);
 *   <li>a {@code required_} test was skipped, except the two multi-subscriber processor tests that
 *       the TCK itself skips for a processor declaring {@code maxSupportedSubscribers() == 1} (see
 *       {@link #REQUIRED_SKIPS_THE_TCK_ALLOWS}), and the tests the TCK skips for the oneshot's
 *       publisher of at most one element (see {@link #AT_MOST_ONE_ELEMENT});
 *   <li>an {@code optional_} or {@code stochastic_} test was skipped without a reason written in
 *       {@link #OPTIONAL_SKIP_REASONS}, or an {@code untested_} test was skipped for another reason
 *       than the TCK's own "not verified";
 *   <li>a publisher test printed {@code PRODUCER LEAK} (a producer thread outlived its subscription).
 * </ul>
 *
 * <p>It prints a per-class table and writes it, with every skipped test and its reason, as Markdown
 * (the tables in {@code README.md} are copied from it). It uses the JDK only, and finds the TCK
 * classes through the context class loader ({@code exec:java} with the test classpath).
 *
 * <p>Arguments: the test-classes directory, the reports directory, the Markdown file to write, the
 * value of {@code -Dtest} (a selection runs part of the suite, so the check is skipped) and that of
 * {@code -Dmaven.test.skip} (no tests ran, so the check is skipped).
 */
public final class TckReportCheck {
    private TckReportCheck() {}

    /** The TCK base classes (their Flow twins extend them), with a short name for the tables. */
    private static final Map<String, String> BASES = Map.of(
            "org.reactivestreams.tck.PublisherVerification", "Publisher",
            "org.reactivestreams.tck.SubscriberWhiteboxVerification", "Subscriber (whitebox)",
            "org.reactivestreams.tck.SubscriberBlackboxVerification", "Subscriber (blackbox)",
            "org.reactivestreams.tck.IdentityProcessorVerification", "Processor");

    private static final String PROCESSOR_BASE = "org.reactivestreams.tck.IdentityProcessorVerification";

    /**
     * The only {@code required_} tests that may be skipped, and only in a processor verification
     * whose skip message is {@link #ONE_SUBSCRIBER_SKIP}: {@code IdentityProcessorVerification} runs
     * them only if {@code maxSupportedSubscribers() >= 2} ("The test is not executed if
     * maxSupportedSubscribers() is less than 2", TCK 1.0.4 javadoc), and a channel serves one
     * subscriber per receiver handle (rule R2).
     */
    static final Map<String, String> REQUIRED_SKIPS_THE_TCK_ALLOWS = Map.of(
            "required_spec104_mustCallOnErrorOnAllItsSubscribersIfItEncountersANonRecoverableError",
                    "needs two subscribers on the processor at once; Channel.subscribe subscribes the first"
                            + " receiver handle, which takes one subscriber (R2), so the verification declares"
                            + " maxSupportedSubscribers() = 1 and the TCK skips the test",
            "required_mustRequestFromUpstreamForElementsThatHaveBeenRequestedLongAgo",
                    "needs two subscribers that both receive the same element (a multicast processor);"
                            + " a channel has one subscriber per receiver handle (R2), and competing receivers"
                            + " each get different elements, so the TCK skips the test (maxSupportedSubscribers() = 1)");

    static final String ONE_SUBSCRIBER_SKIP = "The Publisher under test only supports 1 subscribers";

    /**
     * Publisher verifications of a publisher of at most one element (a {@code Oneshot}'s receiver,
     * S16), which declare {@code maxElementsFromPublisher() = 1}: the TCK itself skips every test that
     * needs more elements, with {@link #AT_MOST_ONE_SKIP}, and only that skip is allowed, only here.
     */
    static final Set<String> AT_MOST_ONE_ELEMENT = Set.of("dev.sluice.tck.OneshotPublisherTck");

    static final String AT_MOST_ONE_SKIP = "is higher than supported by given producer: 1";

    static final String AT_MOST_ONE_REASON = "needs more elements than a oneshot has: the verification declares"
            + " maxElementsFromPublisher() = 1 and the TCK skips the test";

    /** Why an optional test is skipped; a skipped optional test without an entry fails the check. */
    static final Map<String, String> OPTIONAL_SKIP_REASONS = Map.of(
            "optional_spec111_maySupportMultiSubscribe",
                    "§1.11 lets a publisher support one subscriber: a receiver handle takes one subscriber and"
                            + " a second subscribe gets onSubscribe then onError(IllegalStateException) (R2),"
                            + " which the TCK reports as an async error and so skips this optional test",
            "optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals",
                    "needs two subscribers on one publisher; one receiver handle takes one subscriber (R2)",
            "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne",
                    "multicast: a channel is not a broadcast; one receiver handle takes one subscriber (R2)",
            "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront",
                    "multicast: a channel is not a broadcast; one receiver handle takes one subscriber (R2)",
            "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected",
                    "multicast: a channel is not a broadcast; one receiver handle takes one subscriber (R2)");

    static final String UNTESTED_REASON =
            "the TCK has no test for this rule: the method always skips (\"Not verified by/using this TCK.\")";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException(
                    "usage: TckReportCheck <test-classes> <surefire-reports> <summary.md> [test] [maven.test.skip]");
        }
        Path testClasses = Path.of(args[0]);
        Path reports = Path.of(args[1]);
        Path summary = Path.of(args[2]);
        String selection = args.length > 3 && args[3] != null ? args[3].trim() : "";
        if (!selection.isEmpty() && !selection.startsWith("${")) {
            System.out.println(
                    "[tck-check] -Dtest=" + selection + " ran part of the suite: the full-suite check is skipped");
            return;
        }
        if (args.length > 4 && "true".equals(args[4])) {
            System.out.println("[tck-check] -Dmaven.test.skip=true: no tests ran, nothing to check");
            return;
        }
        if (!Files.isDirectory(testClasses)) {
            System.out.println("[tck-check] no test classes (tests were not compiled): nothing to check");
            return;
        }
        List<String> problems = new ArrayList<>();
        List<ClassResult> results = new ArrayList<>();
        for (Verification v : findVerifications(testClasses)) {
            results.add(checkReport(v, reports, problems));
        }
        if (results.isEmpty()) {
            problems.add("no verification class found in " + testClasses);
        }
        String table = render(results);
        System.out.println(table);
        Files.createDirectories(summary.toAbsolutePath().getParent());
        Files.writeString(summary, table, StandardCharsets.UTF_8);
        System.out.println("[tck-check] summary written to " + summary);
        if (!problems.isEmpty()) {
            System.out.println("[tck-check] FAILED, " + problems.size() + " problem(s):");
            problems.forEach(p -> System.out.println("[tck-check]   " + p));
            throw new IllegalStateException("the TCK report check found " + problems.size()
                    + " problem(s), listed above ([tck-check] lines); per-class counts in " + summary);
        }
        System.out.println("[tck-check] OK: " + results.size() + " verification classes, every one discovered and run,"
                + " no failure, no required_ test skipped beyond the TCK's own multi-subscriber and one-element rules");
    }

    // ---- discovery --------------------------------------------------------------------------

    record Verification(String className, String kind, int declaredTests) {}

    static List<Verification> findVerifications(Path testClasses) throws IOException, ReflectiveOperationException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        @SuppressWarnings("unchecked")
        Class<? extends Annotation> testAnnotation =
                (Class<? extends Annotation>) cl.loadClass("org.testng.annotations.Test");
        Map<Class<?>, String> bases = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : BASES.entrySet()) {
            bases.put(cl.loadClass(e.getKey()), e.getValue());
        }
        List<String> names;
        try (Stream<Path> files = Files.walk(testClasses)) {
            names = files.map(p -> testClasses.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .collect(Collectors.toList());
        }
        List<Verification> found = new ArrayList<>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, cl);
            if (Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            for (Map.Entry<Class<?>, String> base : bases.entrySet()) {
                if (base.getKey().isAssignableFrom(c)) {
                    int tests = 0;
                    for (Method m : c.getMethods()) {
                        if (m.isAnnotationPresent(testAnnotation)) {
                            tests++;
                        }
                    }
                    found.add(new Verification(name, base.getValue(), tests));
                }
            }
        }
        return found;
    }

    // ---- one report -------------------------------------------------------------------------

    record Skip(String test, String reason) {}

    record ClassResult(Verification v, int tests, int passed, int skipped, int failed, List<Skip> skips) {}

    static ClassResult checkReport(Verification v, Path reports, List<String> problems) throws Exception {
        Path report = reports.resolve("TEST-" + v.className() + ".xml");
        if (!Files.isRegularFile(report)) {
            problems.add(v.className() + ": no Surefire report (" + report.getFileName()
                    + "): the class was not discovered");
            return new ClassResult(v, 0, 0, 0, 0, List.of());
        }
        Document doc = parse(report);
        NodeList cases = doc.getElementsByTagName("testcase");
        int passed = 0, skipped = 0, failed = 0;
        List<Skip> skips = new ArrayList<>();
        boolean processor = v.kind().equals(BASES.get(PROCESSOR_BASE));
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            String name = tc.getAttribute("name");
            Element failure = child(tc, "failure");
            if (failure == null) {
                failure = child(tc, "error");
            }
            Element skip = child(tc, "skipped");
            Element out = child(tc, "system-out");
            if (out != null && out.getTextContent().contains("PRODUCER LEAK")) {
                problems.add(
                        v.className() + "#" + name + ": a producer thread outlived its subscription (PRODUCER LEAK)");
            }
            if (failure != null) {
                failed++;
                problems.add(v.className() + "#" + name + " failed: " + firstLine(failure));
            } else if (skip != null) {
                skipped++;
                String message = firstLine(skip).replace("org.testng.SkipException: ", "");
                String reason = AT_MOST_ONE_ELEMENT.contains(v.className()) && message.contains(AT_MOST_ONE_SKIP)
                        ? AT_MOST_ONE_REASON
                        : skipReason(name, message, processor);
                if (reason == null) {
                    problems.add(v.className() + "#" + name + " was skipped"
                            + (name.startsWith("required_") ? " (a required_ test)" : " with no written reason")
                            + ": " + message);
                    reason = "NOT ALLOWED: " + message;
                }
                skips.add(new Skip(name, reason));
            } else {
                passed++;
            }
        }
        int tests = cases.getLength();
        if (tests != v.declaredTests()) {
            problems.add(v.className() + ": the report has " + tests + " tests but the class declares "
                    + v.declaredTests() + " @Test methods: not every test was discovered");
        }
        return new ClassResult(v, tests, passed, skipped, failed, skips);
    }

    /** The written reason for a skip, or {@code null} if the skip is not allowed. */
    static String skipReason(String test, String message, boolean processor) {
        if (test.startsWith("untested_")) {
            return message.startsWith("Not verified") ? UNTESTED_REASON : null;
        }
        if (test.startsWith("required_")) {
            String reason = REQUIRED_SKIPS_THE_TCK_ALLOWS.get(test);
            return processor && reason != null && message.contains(ONE_SUBSCRIBER_SKIP) ? reason : null;
        }
        return OPTIONAL_SKIP_REASONS.get(test);
    }

    // ---- output -----------------------------------------------------------------------------

    static String render(List<ClassResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| verification class | TCK base | tests | passed | skipped | failed |\n");
        sb.append("|---|---|---:|---:|---:|---:|\n");
        int t = 0, p = 0, s = 0, f = 0;
        for (ClassResult r : results) {
            sb.append("| `")
                    .append(simpleName(r.v().className()))
                    .append("` | ")
                    .append(r.v().kind())
                    .append(" | ")
                    .append(r.tests())
                    .append(" | ")
                    .append(r.passed())
                    .append(" | ")
                    .append(r.skipped())
                    .append(" | ")
                    .append(r.failed())
                    .append(" |\n");
            t += r.tests();
            p += r.passed();
            s += r.skipped();
            f += r.failed();
        }
        sb.append("| **total: ")
                .append(results.size())
                .append(" classes** | | ")
                .append(t)
                .append(" | ")
                .append(p)
                .append(" | ")
                .append(s)
                .append(" | ")
                .append(f)
                .append(" |\n\n");
        // every skipped test, once, with its reason and the classes that skipped it
        Map<String, TreeSet<String>> where = new TreeMap<>();
        Map<String, String> why = new TreeMap<>();
        for (ClassResult r : results) {
            for (Skip k : r.skips()) {
                where.computeIfAbsent(k.test(), x -> new TreeSet<>()).add(simpleName(r.v().className()));
                why.put(k.test(), k.reason());
            }
        }
        sb.append("Skipped tests (").append(where.size()).append(" distinct):\n\n");
        sb.append("| skipped test | in | reason |\n|---|---|---|\n");
        for (Map.Entry<String, TreeSet<String>> e : where.entrySet()) {
            sb.append("| `")
                    .append(e.getKey())
                    .append("` | ")
                    .append(e.getValue().size())
                    .append(" classes | ")
                    .append(why.get(e.getKey()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    // ---- XML --------------------------------------------------------------------------------

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(file.toFile());
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static String firstLine(Element e) {
        String message = e.getAttribute("message");
        String text = message.isEmpty() ? e.getTextContent() : message;
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
