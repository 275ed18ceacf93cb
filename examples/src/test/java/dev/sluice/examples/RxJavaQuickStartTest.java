package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's RxJava example compiles (as {@link RxJavaQuickStart}), runs, and prints its result. */
@Timeout(60)
class RxJavaQuickStartTest {

    @Test
    void itPrintsTheProducedLinesTransformed() throws Exception {
        assertThat(ReadmeExample.output(RxJavaQuickStart::main)).containsExactly("[LINE 1, LINE 2, LINE 3]");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws Exception {
        ReadmeExample.assertReadmeShows("## RxJava", RxJavaQuickStart.class, "rxjava");
    }
}
