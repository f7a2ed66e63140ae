package org.gradproof.architecture;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Which gradproof class uses which other gradproof class in a package of its own, read from the compiled classes by
 * the JDK's {@code jdeps -verbose:class} (so a fully qualified name in code counts as much as an import, and a
 * Javadoc link or a comment does not), with the module each package is compiled in.
 */
final class ClassDependencies {

    /** The classes this analysis is about; dependencies on the JDK and on libraries are not. */
    static final String OURS = "org.gradproof.";

    /** A line of jdeps' output: {@code    from.Class   ->   to.Class   archive}. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S.*$");

    /**
     * One use of a class by a class of another package.
     *
     * @param from the using class, e.g. {@code org.gradproof.fixtures.catalogue.Catalogue}
     * @param to   the used class
     */
    record Edge(String from, String to) {

        String fromPackage() {
            return packageOf(from);
        }

        String toPackage() {
            return packageOf(to);
        }

        @Override
        public String toString() {
            return from + " → " + to;
        }
    }

    private final List<Edge> edges;
    private final Map<String, String> moduleOfPackage;

    private ClassDependencies(List<Edge> edges, Map<String, String> moduleOfPackage) {
        this.edges = List.copyOf(edges);
        this.moduleOfPackage = Map.copyOf(moduleOfPackage);
    }

    /** Reads the production classes of {@code modules}. */
    static ClassDependencies of(List<Build.Module> modules) {
        Map<String, String> moduleOfPackage = new TreeMap<>();
        List<String> splits = new ArrayList<>();
        for (Build.Module module : modules) {
            for (String p : packagesIn(module.classes())) {
                String earlier = moduleOfPackage.putIfAbsent(p, module.name());
                if (earlier != null && !earlier.equals(module.name())) {
                    splits.add(p + " in " + earlier + " and " + module.name());
                }
            }
        }
        if (!splits.isEmpty()) {
            throw new IllegalStateException("a package split across modules: " + splits);
        }
        List<String> args = new ArrayList<>(List.of("-verbose:class"));
        modules.forEach(m -> args.add(m.classes().toString()));
        return new ClassDependencies(parse(jdeps(args)), moduleOfPackage);
    }

    /** Builds an analysis from given edges and packages, as a test of the analysis itself does. */
    static ClassDependencies of(List<Edge> edges, Map<String, String> moduleOfPackage) {
        return new ClassDependencies(edges, moduleOfPackage);
    }

    /** Every edge between two of our classes in different packages, in jdeps' order. */
    List<Edge> edges() {
        return edges;
    }

    /** The package graph: each of our packages and the packages of ours it uses. */
    Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        moduleOfPackage.keySet().forEach(p -> graph.put(p, new TreeSet<>()));
        for (Edge e : edges) {
            graph.computeIfAbsent(e.fromPackage(), p -> new TreeSet<>()).add(e.toPackage());
        }
        return graph;
    }

    /** The module a package is compiled in, e.g. {@code reproduce}. */
    String moduleOf(String packageName) {
        String module = moduleOfPackage.get(packageName);
        if (module == null) {
            throw new IllegalArgumentException(packageName + " is in no module's production classes");
        }
        return module;
    }

    /** Every package of ours, sorted. */
    Set<String> packages() {
        return new TreeSet<>(moduleOfPackage.keySet());
    }

    /** {@code org.gradproof.fixtures} of {@code org.gradproof.fixtures.CheckedFixture$1}. */
    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static Set<String> packagesIn(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            Set<String> packages = new LinkedHashSet<>();
            files.filter(f -> f.toString().endsWith(".class")).map(f -> classes.relativize(f.getParent()))
                    .map(dir -> dir.toString().replace(dir.getFileSystem().getSeparator(), "."))
                    .filter(p -> p.startsWith(OURS)).forEach(packages::add);
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jdeps(List<String> args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "this JDK has no jdeps tool (module jdk.jdeps): the architecture tests need a full JDK 17"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("jdeps " + args + " exited with " + code + ":\n" + err + out);
        }
        return out.toString();
    }

    private static List<Edge> parse(String jdepsOutput) {
        Map<Edge, Boolean> edges = new LinkedHashMap<>();
        for (String line : jdepsOutput.split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches() && m.group(1).startsWith(OURS) && m.group(2).startsWith(OURS)
                    && !packageOf(m.group(1)).equals(packageOf(m.group(2)))) {
                edges.put(new Edge(m.group(1), m.group(2)), true);
            }
        }
        if (edges.isEmpty()) {
            throw new IllegalStateException("jdeps reported no dependency between our packages at all: its output "
                    + "format may have changed. It printed:\n" + jdepsOutput.lines().limit(20).toList());
        }
        return new ArrayList<>(edges.keySet());
    }
}
