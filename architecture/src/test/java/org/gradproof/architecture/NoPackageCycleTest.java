package org.gradproof.architecture;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No package cycle in the production code of any module: among all of gradproof's packages (every module's
 * {@code target/classes} read together by jdeps, so a cycle through two modules would count too), none reaches itself.
 * A failure names each cycle's packages and the class uses that close it.
 */
class NoPackageCycleTest {

    @Test
    void noPackageReachesItself() {
        ClassDependencies deps = ClassDependencies.of(Build.modules());
        List<Set<String>> cycles = PackageCycles.in(deps.packageGraph());
        assertTrue(cycles.isEmpty(), () -> cycles.size() + " package cycle(s):\n" + cycles.stream()
                .map(c -> describe(c, deps)).collect(Collectors.joining("\n")));
    }

    /** The finder itself: a planted circle a → b → c → a is found (beside a one-way d → a), a one-way graph is not. */
    @Test
    void aPlantedCycleIsFoundAndAOneWayGraphIsNot() {
        assertEquals(List.of(Set.of("a", "b", "c")), PackageCycles.in(Map.of("a", Set.of("b"), "b", Set.of("c"),
                "c", Set.of("a"), "d", Set.of("a"))));
        assertEquals(List.of(Set.of("a", "b")), PackageCycles.in(Map.of("a", Set.of("b"), "b", Set.of("a"))));
        assertEquals(List.of(), PackageCycles.in(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of())));
    }

    /** The analysis sees the production code: the catalogue's list uses a seed, the CLI the reproduction engine. */
    @Test
    void jdepsSeesTheClassesOfEveryModule() {
        ClassDependencies deps = ClassDependencies.of(Build.modules());
        assertTrue(deps.edges().contains(new ClassDependencies.Edge("org.gradproof.fixtures.catalogue.Catalogue",
                "org.gradproof.fixtures.seed000.Seed000")), "Catalogue → Seed000 not seen");
        assertTrue(deps.edges().stream().anyMatch(e -> e.fromPackage().equals("org.gradproof.cli")
                && e.toPackage().equals("org.gradproof.reproduce")), "cli → reproduce not seen");
        assertEquals(Build.modules().stream().map(Build.Module::name).collect(Collectors.toSet()),
                deps.packages().stream().map(deps::moduleOf).collect(Collectors.toSet()), "a module without packages");
    }

    /** The cycle's packages, then each use of one of them by another, with the first class use that makes it. */
    private static String describe(Set<String> cycle, ClassDependencies deps) {
        Map<String, ClassDependencies.Edge> first = new TreeMap<>();
        for (ClassDependencies.Edge e : deps.edges()) {
            if (cycle.contains(e.fromPackage()) && cycle.contains(e.toPackage())) {
                first.putIfAbsent(e.fromPackage() + " → " + e.toPackage(), e);
            }
        }
        return "  " + cycle + ", whose packages use one another:\n" + first.entrySet().stream()
                .map(u -> "    " + u.getKey() + "  (" + u.getValue() + ")").collect(Collectors.joining("\n"));
    }
}
