package dev.gatehouse.archfixture.applicationleak.domain;

/** Fixture: a domain type the application may use. */
public record Thing(String name) {
}
