package org.gradproof.cli;

import org.gradproof.fixtures.CatalogueRun;
import org.gradproof.fixtures.Fixture;
import org.gradproof.fixtures.FixtureResult;
import org.gradproof.fixtures.catalogue.Catalogue;
import org.gradproof.fixtures.report.CatalogueHtml;
import org.gradproof.fixtures.report.CatalogueTable;
import org.gradproof.fixtures.report.Section;
import org.gradproof.fixtures.report.XorSection;
import org.gradproof.fixtures.training.XorExperiments;
import org.gradproof.io.IoReasons;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code gradproof catalogue}: the bug catalogue on its built-in fixtures, as a table and an HTML report. */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
        header = "Runs the bug catalogue: every seed's bug named, every fix passed.",
        description = {"Runs the bug catalogue: every bug from the seed questions, rebuilt as the seed's code beside its "
                + "fixed twin; the checker must name each bug and pass each twin. Prints progress and a table, and "
                + "writes an HTML report.", "",
                "Exit code 0 when every fixture is confirmed, 1 when one is not."})
final class CatalogueCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "target/gradproof-catalogue",
            description = {"Directory for index.html and figures/ (default: ${DEFAULT-VALUE}); created with its "
                    + "parents if missing. An existing directory is kept: its index.html and figures/*.png are "
                    + "replaced, other files left alone. A path that exists and is not a directory is refused "
                    + "before any fixture runs."})
    private Path out;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "Run only these fixtures, e.g. --only BP-01,BP-07.")
    private List<String> only;

    @Option(names = "--no-xor", description = "Skip the XOR training experiments (about half a minute).")
    private boolean skipXor;

    @Override
    public Integer call() {
        OutputPaths.requireWritableDirectory(out, "-o");
        List<Fixture> fixtures = Catalogue.fixtures().stream()
                .filter(e -> only == null || only.contains(e.story().id())).toList();
        if (fixtures.isEmpty()) {
            System.err.println("gradproof: no catalogue fixture matches --only " + only);
            return 2;
        }
        System.out.println("gradproof catalogue: examining " + fixtures.size() + " fixtures (the seed's code and its "
                + "fixed twin each)");
        AtomicInteger done = new AtomicInteger();
        List<FixtureResult> results = CatalogueRun.examine(fixtures,
                r -> System.out.println(CatalogueTable.progressLine(done.incrementAndGet(), fixtures.size(), r)));
        System.out.println();
        System.out.print(CatalogueTable.render(results));
        List<Section> sections = List.of();
        if (!skipXor) {
            System.out.println();
            System.out.println("XOR experiments: " + XorExperiments.RUNS + " initialisations per cell, "
                    + XorExperiments.EPOCHS + " epochs each");
            sections = List.of(XorSection.of(XorExperiments.run(XorExperiments.RUNS, System.out::println)));
        }
        Path page;
        try {
            page = CatalogueHtml.write(out, results, sections);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write the report: " + IoReasons.describe(e));
        }
        System.out.println("HTML report: " + page.toAbsolutePath().normalize());
        return results.stream().allMatch(FixtureResult::confirmed) ? 0 : 1;
    }
}
