/** QuickTheories generators of networks, batches and weights, reusable by other projects. */
package org.gradproof.properties;
