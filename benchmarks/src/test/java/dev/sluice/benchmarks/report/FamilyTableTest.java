package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FamilyTableTest {

    @Test
    void oneTablePerFamilyWithSluiceColumnsFirstAndRowsInJmhOrder() {
        List<FamilyTable> tables = FamilyTable.build(JmhRows.on("21")
                .thrpt("BoundedBenchmark.arrayBlockingQueue", 13, "capacity", "16", "shape", "spsc")
                .thrpt("BoundedBenchmark.arrayBlockingQueue", 12, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 40, "capacity", "16", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 39, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedJdk21Benchmark.joxChannel", 20, "capacity", "16", "shape", "spsc")
                .thrpt("SomethingNewBenchmark.widget", 1)
                .thrpt("SomethingNewBenchmark.sluiceWidget", 2)
                .measurements());

        assertThat(tables).extracting(FamilyTable::family).containsExactly("Bounded", "SomethingNew");
        FamilyTable bounded = tables.get(0);
        assertThat(bounded.columns()).containsExactly("sluice", "arrayBlockingQueue", "joxChannel");
        assertThat(bounded.sluiceColumns()).containsExactly("sluice");
        assertThat(bounded.anchorColumns()).containsExactly("arrayBlockingQueue", "joxChannel");
        assertThat(bounded.paramKeys()).containsExactly("capacity", "shape");
        assertThat(bounded.cases()).extracting(c -> c.params().get("capacity")).containsExactly("16", "1024");
        assertThat(bounded.cases().get(0).methods().keySet())
                .containsExactly("sluice", "arrayBlockingQueue", "joxChannel");
        assertThat(bounded.cases().get(1).get("joxChannel")).isEmpty();

        FamilyTable unknown = tables.get(1);
        assertThat(unknown.columns()).containsExactly("sluiceWidget", "widget");
        assertThat(unknown.cases()).hasSize(1);
        assertThat(unknown.cases().get(0).ratio("sluiceWidget", "widget")).isEqualTo(2.0);
        assertThat(unknown.hasRatios()).isTrue();
    }

    @Test
    void aResultWithoutSomeParameterFillsEveryRowItAgreesWith() {
        // the anchor has no 'flavor' parameter: it is the same figure for both Sluice flavors
        FamilyTable table = FamilyTable.build(JmhRows.on("17")
                        .avgt("AllocationBenchmark.abqPutTake", 27, "capacity", "1024")
                        .avgt("AllocationBenchmark.channelSendRecv", 54, "capacity", "1024", "flavor", "bounded")
                        .avgt("AllocationBenchmark.channelSendRecv", 18, "capacity", "1024", "flavor", "spsc")
                        .measurements())
                .get(0);

        assertThat(table.cases())
                .extracting(Case::params)
                .containsExactly(
                        Map.of("capacity", "1024", "flavor", "bounded"), Map.of("capacity", "1024", "flavor", "spsc"));
        assertThat(table.cases())
                .allSatisfy(c -> assertThat(c.get("abqPutTake")).isPresent());
        assertThat(table.cases().get(0).ratio("channelSendRecv", "abqPutTake")).isEqualTo(0.5);
        assertThat(table.cases().get(1).ratio("channelSendRecv", "abqPutTake")).isEqualTo(1.5);
    }

    @Test
    void eachJdkHasItsOwnRowsSideBySide() {
        List<Measurement> results = JmhResults.merge(java.util.stream.Stream.of(
                        JmhRows.on("17")
                                .thrpt("BoundedBenchmark.sluice", 40, "shape", "spsc")
                                .thrpt("BoundedBenchmark.sluice", 30, "shape", "mpsc")
                                .measurements(),
                        JmhRows.on("25")
                                .thrpt("BoundedBenchmark.sluice", 45, "shape", "spsc")
                                .thrpt("BoundedBenchmark.sluice", 35, "shape", "mpsc")
                                .measurements())
                .flatMap(List::stream)
                .toList());

        FamilyTable table = FamilyTable.build(results).get(0);

        assertThat(table.cases())
                .extracting(c -> c.params().get("shape") + "@" + c.jdk().label())
                .containsExactly("spsc@17", "spsc@25", "mpsc@17", "mpsc@25");
    }

    @Test
    void aMethodNameUsedByTwoClassesOfAFamilyGetsTwoColumns() {
        FamilyTable table = FamilyTable.build(JmhRows.on("21")
                        .thrpt("BoundedBenchmark.sluice", 40)
                        .thrpt("BoundedJdk21Benchmark.sluice", 41)
                        .thrpt("BoundedJdk21Benchmark.joxChannel", 20)
                        .measurements())
                .get(0);

        assertThat(table.columns()).containsExactly("sluice", "sluice [BoundedJdk21]", "joxChannel");
        assertThat(table.cases().get(0).ratio("sluice [BoundedJdk21]", "joxChannel"))
                .isEqualTo(2.05);
    }
}
