package org.gradproof.properties.contract;

/** How a kit names your subject in messages and file names: its class's simple name, e.g. {@code MyNetwork}. */
final class SubjectNames {

    private SubjectNames() {
    }

    /**
     * The simple name; for a lambda, the class that wrote it and {@code _lambda} (its generated name changes from run to
     * run); for an anonymous class, the binary name after the package.
     */
    static String of(Object subject) {
        Class<?> type = subject.getClass();
        String simple = type.getSimpleName();
        if (!simple.isEmpty() && !type.isSynthetic() && !simple.contains("$$Lambda")) {
            return simple;
        }
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            name = name.substring(0, lambda) + "_lambda";
        }
        return name.substring(name.lastIndexOf('.') + 1).replaceAll("[/$]+", "_");
    }
}
