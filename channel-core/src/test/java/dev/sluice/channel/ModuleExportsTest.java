package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.ModuleExports;
import org.junit.jupiter.api.Test;

/** The published module exports its API packages only: the flavors, waiters and counters stay internal. */
class ModuleExportsTest {
    @Test
    void exportsTheApiAndTheServiceInterfacesOnly() {
        assertThat(ModuleExports.descriptorOf(Channel.class).name()).isEqualTo("dev.sluice.channel");
        assertThat(ModuleExports.exportedPackages(Channel.class))
                .containsExactly("dev.sluice.channel", "dev.sluice.channel.spi");
        assertThat(ModuleExports.openedPackages(Channel.class)).isEmpty();
    }
}
