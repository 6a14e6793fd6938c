package dev.gatehouse.archfixture.clean.domain.widget;

import com.google.common.collect.ImmutableSet;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Fixture: an aggregate using records, enums, lambdas, arrays, Guava and the JDK, all allowed in the domain. */
public record Widget(WidgetId id, Kind kind, ImmutableSet<String> tags, byte[] secretHash, Instant createdAt) {

    public Widget {
        tags = ImmutableSet.copyOf(tags);
        secretHash = secretHash.clone();
        if (tags.size() > 10) {
            throw new WidgetRejectedException("too many tags: " + tags.size());
        }
    }

    public int weight() {
        return switch (kind) {
            case SMALL -> 1;
            case LARGE -> 10;
        };
    }

    public Optional<String> firstTagInUpperCase() {
        return tags.stream().map(tag -> tag.toUpperCase(Locale.ROOT)).sorted().findFirst();
    }

    public boolean secretMatches(byte[] candidateHash) {
        return MessageDigest.isEqual(secretHash, candidateHash);
    }

    public int[] tagLengths() {
        return tags.stream().mapToInt(String::length).toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Widget that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Widget[id=" + id + ", kind=" + kind + ", tags=" + tags + ", secretHash=***]";
    }
}
