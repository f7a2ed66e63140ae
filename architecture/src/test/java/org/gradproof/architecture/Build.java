package org.gradproof.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules of this build as the root {@code pom.xml} lists them, each with its compiled production classes
 * ({@code target/classes}). A module without {@code src/main/java} (this one) has no production code and is left out.
 */
final class Build {

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

    private Build() {
    }

    /**
     * One module.
     *
     * @param name    its directory relative to the root, e.g. {@code fixtures} or {@code examples/encog-gate}
     * @param classes its {@code target/classes}
     */
    record Module(String name, Path classes) {
    }

    /** The root of the build: the parent of this module's directory (Surefire's {@code basedir}). */
    static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    /** Every module with production code, in the root pom's order; fails when one has not been compiled. */
    static List<Module> modules() {
        Path root = root();
        String pom;
        try {
            pom = Files.readString(root.resolve("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the root pom.xml under " + root, e);
        }
        List<Module> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(pom);
        while (m.find()) {
            Path dir = root.resolve(m.group(1));
            if (!Files.isDirectory(dir.resolve("src/main/java"))) {
                continue;
            }
            Path classes = dir.resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException(m.group(1) + " has production code but no " + classes + ": build "
                        + "every module first (mvn verify from the root, or -pl architecture -am)");
            }
            modules.add(new Module(m.group(1), classes));
        }
        if (modules.isEmpty()) {
            throw new IllegalStateException("no module with production code found under " + root);
        }
        return modules;
    }
}
