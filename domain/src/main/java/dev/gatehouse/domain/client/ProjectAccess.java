package dev.gatehouse.domain.client;

import com.google.common.collect.ImmutableSet;
import dev.gatehouse.domain.workspace.ProjectId;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/** Which of its workspace's projects a client may act on: all of them, or only those listed. */
public record ProjectAccess(Optional<ImmutableSet<ProjectId>> restrictedTo) {

    private static final ProjectAccess ALL = new ProjectAccess(Optional.empty());

    public ProjectAccess {
        Objects.requireNonNull(restrictedTo, "restrictedTo");
    }

    public static ProjectAccess all() {
        return ALL;
    }

    public static ProjectAccess only(Collection<ProjectId> projects) {
        return new ProjectAccess(Optional.of(ImmutableSet.copyOf(projects)));
    }

    public boolean isRestricted() {
        return restrictedTo.isPresent();
    }

    public boolean permits(ProjectId project) {
        return restrictedTo.map(list -> list.contains(project)).orElse(true);
    }
}
