package org.gradproof.properties;

import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;

import static org.gradproof.properties.NetworkGenerators.kinkedNetworkCases;
import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.gradproof.properties.NetworkGenerators.saturatedNetworkCases;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Zero false alarms: every generated reference network passes the check. Cases whose loss reads saturated
 * probabilities are outside the reference's accurate domain ({@link NetworkCase#inAccurateDomain()}) and are
 * regenerated; saturated networks with logit or squared-error heads are all in.
 */
class ReferenceNetworkProperties {

    @Test
    void everyGeneratedNetworkPassesTheCheck() {
        qt().forAll(networkCases().assuming(NetworkCase::inAccurateDomain))
                .checkAssert(ReferenceNetworkProperties::passes);
    }

    @Test
    void reluAndLeakyReluNetworksPassTheCheck() {
        qt().forAll(kinkedNetworkCases().assuming(NetworkCase::inAccurateDomain))
                .checkAssert(ReferenceNetworkProperties::passes);
    }

    @Test
    void saturatedNetworksPassTheCheck() {
        qt().forAll(saturatedNetworkCases().assuming(NetworkCase::inAccurateDomain))
                .checkAssert(ReferenceNetworkProperties::passes);
    }

    private static void passes(NetworkCase c) {
        GradientReport report = GradientCheck.check(c.objective());
        assertTrue(report.passed(), () -> c + "\n" + report.summary());
    }
}
