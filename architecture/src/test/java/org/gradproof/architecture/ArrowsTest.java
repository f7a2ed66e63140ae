package org.gradproof.architecture;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arrows of docs/architecture.md, read from the compiled classes: which module's code may use which other
 * module's, and inside the catalogue (the {@code fixtures} module) which of its packages may use which. The poms
 * already keep a module from using one it does not depend on; this also catches an arrow added to a pom against the
 * design (the reproduction engine depending on the catalogue, say), and one that a transitive dependency lets through.
 */
class ArrowsTest {

    /** Each module with production code, and the modules its code may use. */
    private static final Map<String, Set<String>> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("checker", Set.of());
        MODULES.put("reference-impl", Set.of("checker"));
        MODULES.put("interchange", Set.of("reference-impl", "checker"));
        MODULES.put("properties", Set.of("interchange", "reference-impl", "checker"));
        MODULES.put("reproduce", Set.of("reference-impl", "checker"));
        MODULES.put("fixtures", Set.of("reference-impl", "checker"));
        MODULES.put("cli", Set.of("fixtures", "reproduce", "interchange", "reference-impl", "checker"));
        MODULES.put("benchmarks", Set.of("reference-impl", "checker"));
        MODULES.put("examples/encog-gate", Set.of("checker"));
        MODULES.put("examples/tribuo-gate", Set.of("checker"));
    }

    /** The catalogue's packages by role (each fixtures package has exactly one), and the roles each role may use. */
    private static final Map<String, Pattern> ROLES = new LinkedHashMap<>();
    private static final Map<String, Set<String>> ROLE_ARROWS = Map.of(
            "model", Set.of(),
            "seed", Set.of("model"),
            "training", Set.of(),
            "list", Set.of("model", "seed"),
            "report", Set.of("model", "training"));

    static {
        ROLES.put("model", Pattern.compile("org\\.gradproof\\.fixtures"));
        ROLES.put("seed", Pattern.compile("org\\.gradproof\\.fixtures\\.seed\\d{3}"));
        ROLES.put("training", Pattern.compile("org\\.gradproof\\.fixtures\\.training"));
        ROLES.put("list", Pattern.compile("org\\.gradproof\\.fixtures\\.catalogue"));
        ROLES.put("report", Pattern.compile("org\\.gradproof\\.fixtures\\.report"));
    }

    @Test
    void everyModuleUsesOnlyTheModulesBelowIt() {
        ClassDependencies deps = ClassDependencies.of(Build.modules());
        for (Build.Module m : Build.modules()) {
            assertTrue(MODULES.containsKey(m.name()), () -> m.name() + " is a new module: say here which modules it "
                    + "may use (and draw it in docs/architecture.md)");
        }
        List<String> wrong = deps.edges().stream().filter(e -> {
            String from = deps.moduleOf(e.fromPackage());
            String to = deps.moduleOf(e.toPackage());
            return !from.equals(to) && !MODULES.get(from).contains(to);
        }).map(e -> deps.moduleOf(e.fromPackage()) + " → " + deps.moduleOf(e.toPackage()) + ": " + e).toList();
        assertTrue(wrong.isEmpty(), () -> "arrows against the design:\n  " + String.join("\n  ", wrong));
    }

    @Test
    void theCatalogueListsTheSeedsTheSeedsUseTheModelAndTheReportComesLast() {
        ClassDependencies deps = ClassDependencies.of(Build.modules());
        for (String p : deps.packages()) {
            if (deps.moduleOf(p).equals("fixtures")) {
                assertTrue(role(p).isPresent(), () -> p + " has no role in the catalogue: give it one here (model, "
                        + "seed, training, list or report) and in docs/architecture.md");
            }
        }
        List<String> wrong = deps.edges().stream()
                .filter(e -> deps.moduleOf(e.fromPackage()).equals("fixtures")
                        && deps.moduleOf(e.toPackage()).equals("fixtures"))
                .filter(e -> !ROLE_ARROWS.get(role(e.fromPackage()).orElseThrow())
                        .contains(role(e.toPackage()).orElseThrow()))
                .map(e -> role(e.fromPackage()).orElseThrow() + " → " + role(e.toPackage()).orElseThrow() + ": " + e)
                .toList();
        assertTrue(wrong.isEmpty(), () -> "arrows against the design inside the catalogue:\n  "
                + String.join("\n  ", wrong));
    }

    private static Optional<String> role(String packageName) {
        return ROLES.entrySet().stream().filter(r -> r.getValue().matcher(packageName).matches())
                .map(Map.Entry::getKey).findFirst();
    }
}
