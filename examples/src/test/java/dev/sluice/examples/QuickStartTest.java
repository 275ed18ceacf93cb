package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's quick start compiles (as {@link QuickStart}), runs, and says what it shows. */
@Timeout(60)
class QuickStartTest {

    @Test
    void quickStartPrintsEveryMessageInOrder() throws Exception {
        assertThat(ReadmeExample.output(QuickStart::main)).containsExactly("message 1", "message 2", "message 3");
    }

    @Test
    void readmeQuickStartIsTheCodeOfQuickStart() throws Exception {
        ReadmeExample.assertReadmeShows("## Quick start", QuickStart.class, "quickstart");
    }
}
