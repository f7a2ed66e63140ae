package org.gradproof.properties;

import org.gradproof.check.Diagnosis;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;
import org.junit.jupiter.api.Test;

import static org.gradproof.properties.NetworkGenerators.kinkedNetworkCases;
import static org.gradproof.properties.NetworkGenerators.networkCases;
import static org.gradproof.properties.NetworkGenerators.saturatedNetworkCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Zero false alarms: every generated reference network passes the check. The only exception is a network whose own
 * loss or gradient is not finite (a probability rounded to exactly 0 or 1 under a logarithm): that one must be
 * diagnosed NON_FINITE.
 */
class ReferenceNetworkProperties {

    @Test
    void everyGeneratedNetworkPassesTheCheck() {
        qt().forAll(networkCases()).checkAssert(ReferenceNetworkProperties::passes);
    }

    @Test
    void reluAndLeakyReluNetworksPassTheCheck() {
        qt().forAll(kinkedNetworkCases()).checkAssert(ReferenceNetworkProperties::passes);
    }

    @Test
    void saturatedNetworksPassTheCheck() {
        qt().forAll(saturatedNetworkCases()).checkAssert(ReferenceNetworkProperties::passes);
    }

    private static void passes(NetworkCase c) {
        GradientReport report = GradientCheck.check(c.objective());
        if (c.finite()) {
            assertTrue(report.passed(), () -> c + "\n" + report.summary());
        } else {
            assertEquals(Diagnosis.NON_FINITE, report.diagnosis(), () -> c + "\n" + report.summary());
        }
    }
}
