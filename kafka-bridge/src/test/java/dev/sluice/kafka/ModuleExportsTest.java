package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.ModuleExports;
import org.junit.jupiter.api.Test;

/** The published module exports its API package only: the poll loop and the send window stay internal. */
class ModuleExportsTest {
    @Test
    void exportsTheApiPackageOnly() {
        assertThat(ModuleExports.descriptorOf(KafkaSource.class).name()).isEqualTo("dev.sluice.kafka");
        assertThat(ModuleExports.exportedPackages(KafkaSource.class)).containsExactly("dev.sluice.kafka");
        assertThat(ModuleExports.openedPackages(KafkaSource.class)).isEmpty();
    }
}
