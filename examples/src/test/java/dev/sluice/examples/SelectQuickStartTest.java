package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's select and oneshot example compiles (as {@link SelectQuickStart}), runs, and prints the reply. */
@Timeout(60)
class SelectQuickStartTest {

    @Test
    void itPrintsTheActorsReply() throws Exception {
        assertThat(ReadmeExample.output(SelectQuickStart::main)).containsExactly("reply 42");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws Exception {
        ReadmeExample.assertReadmeShows("## Select and oneshot", SelectQuickStart.class, "select");
    }
}
