package org.gradproof.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cycles of a directed graph of packages, as its strongly connected components of more than one package (Tarjan's
 * algorithm): within such a component every package reaches every other, so none of them can be understood, tested
 * or moved without the rest.
 */
final class PackageCycles {

    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<Set<String>> cycles = new ArrayList<>();

    private PackageCycles(Map<String, Set<String>> graph) {
        this.graph = graph;
    }

    /** Each set of packages that use one another in a circle, sorted; empty when the graph has no cycle. */
    static List<Set<String>> in(Map<String, Set<String>> graph) {
        PackageCycles finder = new PackageCycles(graph);
        for (String p : new TreeSet<>(graph.keySet())) {
            if (!finder.index.containsKey(p)) {
                finder.visit(p);
            }
        }
        return finder.cycles;
    }

    private void visit(String p) {
        index.put(p, index.size());
        lowLink.put(p, index.get(p));
        stack.push(p);
        for (String q : graph.getOrDefault(p, Set.of())) {
            if (!index.containsKey(q)) {
                visit(q);
                lowLink.put(p, Math.min(lowLink.get(p), lowLink.get(q)));
            } else if (stack.contains(q)) {
                lowLink.put(p, Math.min(lowLink.get(p), index.get(q)));
            }
        }
        if (lowLink.get(p).equals(index.get(p))) {
            Set<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }
}
