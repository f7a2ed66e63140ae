package org.gradproof.properties.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The code that called a kit's {@code verify()} — in a test suite, the test method — found on the stack, so that a
 * failure can say how to re-run that test alone and can write its files where that test's go. The test method is the
 * first frame outside the kit whose method carries an annotation named {@code Test} (JUnit 4 and 5, TestNG), also when
 * the kit is called from a lambda such as {@code assertThrows(AssertionError.class, contract::verify)}; without one,
 * the first frame outside the kit.
 *
 * @param className  the caller's class, fully qualified, without nested-class parts; empty if not found
 * @param methodName the caller's method, or the method a lambda calling the kit sits in; empty if not found
 */
record Caller(String className, String methodName) {

    /** The kit classes, whose frames are skipped: the caller is the first frame outside them. */
    private static final Set<String> KIT = Set.of(Caller.class.getName(), ContractRun.class.getName(),
            GradientContract.class.getName(), RecurrentGradientContract.class.getName());

    static Caller find() {
        List<StackWalker.StackFrame> outside = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> !KIT.contains(outerClass(f.getClassName()))).toList());
        return outside.stream().filter(Caller::isTestMethod).findFirst()
                .or(() -> outside.stream().findFirst())
                .map(f -> new Caller(outerClass(f.getClassName()), enclosingMethod(f.getMethodName())))
                .orElse(new Caller("", ""));
    }

    private static boolean isTestMethod(StackWalker.StackFrame frame) {
        return Arrays.stream(frame.getDeclaringClass().getDeclaredMethods())
                .filter(m -> m.getName().equals(frame.getMethodName()))
                .flatMap(m -> Arrays.stream(m.getAnnotations()))
                .anyMatch(a -> a.annotationType().getSimpleName().equals("Test"));
    }

    /** {@code Class#method} for Surefire's {@code -Dtest}, if the caller is known. */
    Optional<String> testSelector() {
        return className.isEmpty() ? Optional.empty() : Optional.of(simpleName() + "#" + methodName);
    }

    /** A directory name for this caller's files, e.g. {@code MyNetworkContractTest.myTest}, else the subject's name. */
    String directoryName(String subjectName) {
        return className.isEmpty() ? subjectName : simpleName() + "." + methodName;
    }

    private String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String outerClass(String name) {
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /** {@code lambda$myTest$0} → {@code myTest}; other names as they are. */
    private static String enclosingMethod(String name) {
        if (name.startsWith("lambda$")) {
            int end = name.indexOf('$', "lambda$".length());
            return end < 0 ? name : name.substring("lambda$".length(), end);
        }
        return name;
    }
}
