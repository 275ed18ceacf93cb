package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The use-case programs (actor, cursor, RxJava pipeline), run briefly, checked by their summary lines. */
@Timeout(120)
class UseCaseDemosTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theActorAnswersOverOneshotRepliesAndLosesNoCommand() throws InterruptedException {
        assertThat(ActorDemo.run(out, 3, 5_000)).as(out()).isZero();
        assertThat(out())
                .contains("actor: 15000 adds from 3 clients")
                .contains("31 questions answered over oneshot replies")
                .contains("= 15000 (expected 15000)");
    }

    @Test
    void cancellingTheConsumerStopsTheCursorPromptlyAndClosesIt() throws InterruptedException {
        assertThat(CursorDemo.run(out, 1_000_000, 500)).as(out()).isZero();
        Matcher m = Pattern.compile("read (\\d+) rows beyond them .* and was closed (\\d+) ms after the cancel")
                .matcher(out());
        assertThat(m.find()).as(out()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isLessThanOrEqualTo(CursorDemo.CAPACITY + 256 + 1);
        assertThat(out()).contains("cursor: took 500 of 1,000,000 rows");
    }

    @Test
    void theRxJavaPipelineStoresEveryReadingInOrder() throws InterruptedException {
        assertThat(RxJavaDemo.run(out, 2, 20_000, 1.5)).as(out()).isZero();
        assertThat(out())
                .containsPattern("rxjava: (\\d+) readings from 2 uplinks; stored \\1 in \\d+ batches; "
                        + "0 lost, 0 duplicated, 0 out of order");
    }
}
