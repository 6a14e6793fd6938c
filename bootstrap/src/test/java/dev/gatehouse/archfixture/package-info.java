/**
 * Fixtures for the architecture rules: each sub-package is a miniature code base rooted at
 * {@code dev.gatehouse.archfixture.<case>}. {@code clean} obeys every rule; every other case breaks one.
 */
package dev.gatehouse.archfixture;
