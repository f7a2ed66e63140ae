package org.gradproof.properties.contract;

/** How a kit names your subject in messages and file names: its class's simple name, e.g. {@code MyNetwork}. */
final class SubjectNames {

    private SubjectNames() {
    }

    /** The simple name; for an anonymous class or a lambda, the binary name after the package. */
    static String of(Object subject) {
        Class<?> type = subject.getClass();
        String simple = type.getSimpleName();
        if (!simple.isEmpty() && !type.isSynthetic() && !simple.contains("$$Lambda")) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1).replaceAll("[/$]+", "_");
    }
}
