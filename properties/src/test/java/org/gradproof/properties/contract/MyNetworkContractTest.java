package org.gradproof.properties.contract;

import org.gradproof.properties.Head;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's contract example, compiled and run; and proof that the kit catches a bug in such a network. */
class MyNetworkContractTest {

    // README example: begin
    @Test
    void myNetworkKeepsTheGradientContract() {
        GradientContract.forSubject(new MyNetwork())
                .activations("sigmoid")
                .heads(Head.MSE_IDENTITY)
                .verify();
    }
    // README example: end

    @Test
    void aGradientOffByAConstantFactorIsCaughtShrunkAndNamed() {
        AssertionError failure = assertThrows(AssertionError.class, () -> GradientContract
                .forSubject(new MyNetwork(2)).activations("sigmoid").heads(Head.MSE_IDENTITY).verify());
        String message = failure.getMessage();
        assertTrue(message.contains("Property falsified"), message);
        assertTrue(message.contains("SCALED"), message);
        assertTrue(message.contains("-DQT_SEED="), message);
    }

    @Test
    void theReadmeShowsThisExampleAsItIs() throws IOException {
        String readme = Files.readString(findUp("README.md"));
        String test = Files.readString(findUp("properties/src/test/java/org/gradproof/properties/contract/"
                + "MyNetworkContractTest.java"));
        String example = test.substring(test.indexOf("// README example: begin"), test.indexOf("// README example: end"));
        String body = example.substring(example.indexOf('\n') + 1).stripIndent().strip();
        assertTrue(readme.contains(body), "README.md must show the contract example exactly as compiled:\n" + body);
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
