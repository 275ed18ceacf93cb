package dev.sluice.rxjava;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.ModuleExports;
import org.junit.jupiter.api.Test;

/** The published module exports its API package only. */
class ModuleExportsTest {
    @Test
    void exportsTheApiPackageOnly() {
        assertThat(ModuleExports.descriptorOf(ChannelFlowable.class).name()).isEqualTo("dev.sluice.rxjava");
        assertThat(ModuleExports.exportedPackages(ChannelFlowable.class)).containsExactly("dev.sluice.rxjava");
        assertThat(ModuleExports.openedPackages(ChannelFlowable.class)).isEmpty();
    }
}
