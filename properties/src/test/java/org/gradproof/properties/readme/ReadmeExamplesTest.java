package org.gradproof.properties.readme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README shows its examples exactly as they compile: every region between {@code // README: name begin} and
 * {@code // README: name end} in this package's sources and the contract kits' example tests appears in README.md,
 * imports and all.
 */
class ReadmeExamplesTest {

    private static final Pattern REGION = Pattern.compile(
            "// README: ([a-z-]+) begin\\n(.*?)// README: \\1 end", Pattern.DOTALL);

    @Test
    void everyExampleIsInTheReadmeAsItCompiles() throws IOException {
        String readme = Files.readString(findUp("README.md"));
        Map<String, String> regions = regions();
        assertEquals("[blocks, check, contract, directional, flat, hessian, hessian-vector, json, layer, long-check, "
                + "my-network, my-recurrent-network, row-major, subject]",
                regions.keySet().stream().sorted()
                .toList().toString());
        for (Map.Entry<String, String> region : regions.entrySet()) {
            assertTrue(readme.contains(region.getValue()), "README.md must show the example '" + region.getKey()
                    + "' exactly as compiled:\n" + region.getValue());
        }
    }

    /** The install section's coordinates are the poms': group, artifacts and version. */
    @Test
    void theInstallSectionNamesTheArtifactsAsThePomsDo() throws IOException {
        String readme = Files.readString(findUp("README.md"));
        String parent = Files.readString(findUp("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>gradproof-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(parent);
        assertTrue(version.find(), "the parent pom's version");
        for (String module : new String[] {"properties", "interchange", "reference-impl", "checker"}) {
            String pom = Files.readString(findUp(module + "/pom.xml"));
            Matcher artifact = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
            assertTrue(artifact.find(), module + "/pom.xml's artifactId");
            String dependency = "<dependency>\n  <groupId>org.gradproof</groupId>\n  <artifactId>" + artifact.group(1)
                    + "</artifactId>\n  <version>" + version.group(1) + "</version>\n  <scope>test</scope>\n</dependency>";
            assertTrue(readme.contains(dependency), "README.md must show\n" + dependency);
        }
        assertTrue(readme.contains("mvn install -DskipTests -pl properties -am"), "the install command");
    }

    private static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        for (String dir : new String[] {"readme", "contract"}) {
            try (Stream<Path> files = Files.list(findUp("properties/src/test/java/org/gradproof/properties/" + dir))) {
                for (Path file : files.sorted().toList()) {
                    Matcher m = REGION.matcher(Files.readString(file));
                    while (m.find()) {
                        regions.put(m.group(1), m.group(2).stripIndent().strip());
                    }
                }
            }
        }
        return regions;
    }

    private static Path findUp(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
