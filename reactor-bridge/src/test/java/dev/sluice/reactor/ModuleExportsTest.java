package dev.sluice.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.ModuleExports;
import org.junit.jupiter.api.Test;

/** The published module exports its API package only. */
class ModuleExportsTest {
    @Test
    void exportsTheApiPackageOnly() {
        assertThat(ModuleExports.descriptorOf(ChannelFlux.class).name()).isEqualTo("dev.sluice.reactor");
        assertThat(ModuleExports.exportedPackages(ChannelFlux.class)).containsExactly("dev.sluice.reactor");
        assertThat(ModuleExports.openedPackages(ChannelFlux.class)).isEmpty();
    }
}
