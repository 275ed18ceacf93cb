package dev.sluice.channel.testing;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the module descriptor that a published module ships: the compiled {@code module-info} at the
 * place a class of the module was loaded from (its jar, or the {@code target/classes} that becomes
 * the jar), whether the tests run on the module path or the class path. Each published module's
 * {@code ModuleExportsTest} checks with it that only the API package is exported.
 */
public final class ModuleExports {
    private ModuleExports() {}

    /** The descriptor of the module {@code member} belongs to. */
    public static ModuleDescriptor descriptorOf(Class<?> member) {
        Path location;
        try {
            location = Path.of(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<ModuleReference> found = List.copyOf(ModuleFinder.of(location).findAll());
        if (found.size() != 1 || found.get(0).descriptor().isAutomatic()) {
            throw new AssertionError("no module-info.class at " + location + ": " + found);
        }
        return found.get(0).descriptor();
    }

    /** The packages the module exports to everyone (qualified exports are not API). */
    public static Set<String> exportedPackages(Class<?> member) {
        return descriptorOf(member).exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The packages the module opens (none, for a library). */
    public static Set<String> openedPackages(Class<?> member) {
        ModuleDescriptor d = descriptorOf(member);
        if (d.isOpen()) {
            return Set.of("*");
        }
        return d.opens().stream().map(ModuleDescriptor.Opens::source).collect(Collectors.toCollection(TreeSet::new));
    }
}
