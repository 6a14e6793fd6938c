package dev.gatehouse.application.source.service;

import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.SourceSettings;
import dev.gatehouse.application.source.port.in.SourceUseCases;
import dev.gatehouse.application.source.port.out.SourceRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/** Event sources: creation by users, reading, deletion, emitting and streaming (contract §8). */
public final class SourceService implements SourceUseCases.CreateSourceUseCase, SourceUseCases.GetSourceUseCase,
        SourceUseCases.DeleteSourceUseCase, SourceUseCases.EmitEventUseCase, SourceUseCases.SubscribeToSourceUseCase {

    private final SourceRepository sources;
    private final WorkspaceRepository workspaces;
    private final WorkspaceAccess workspaceAccess;
    private final SourceAccess access;
    private final EventHub hub;
    private final SourceSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final List<BiConsumer<SourceId, Long>> emitListeners = new CopyOnWriteArrayList<>();

    public SourceService(SourceRepository sources, WorkspaceRepository workspaces, EventHub hub, SourceSettings settings,
                         Clock clock, RandomGenerator random) {
        this.sources = sources;
        this.workspaces = workspaces;
        this.workspaceAccess = new WorkspaceAccess(workspaces);
        this.access = new SourceAccess(sources, workspaceAccess);
        this.hub = hub;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public EventSource create(SourceUseCases.CreateSourceCommand command) {
        WorkspaceId workspace = command.workspace().orElseGet(() -> onlyWorkspaceOf(command));
        workspaceAccess.requireMember(command.actor(), workspace);
        EventSource source;
        try {
            source = new EventSource(SourceId.generate(random), workspace, command.name(), command.actor(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        sources.add(source);
        return source;
    }

    private WorkspaceId onlyWorkspaceOf(SourceUseCases.CreateSourceCommand command) {
        List<Workspace> mine = workspaces.findWorkspacesOf(command.actor());
        if (mine.size() == 1) {
            return mine.get(0).id();
        }
        throw new InvalidInputException(mine.isEmpty()
                ? "you belong to no workspace"
                : "org_id is required: you belong to " + mine.size() + " workspaces");
    }

    @Override
    public EventSource get(Principal caller, SourceId id) {
        return access.require(caller, id);
    }

    @Override
    public void delete(Principal caller, SourceId id) {
        access.require(caller, id);
        if (!sources.delete(id)) {
            throw new NotFoundException("source " + id + " not found");
        }
    }

    @Override
    public SourceEvent emit(Principal caller, SourceId id, String payloadJson) {
        access.require(caller, id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        SourceEvent event = sources.append(id, now, payloadJson, settings.retainCount());
        hub.publish(topic(id), event);
        emitListeners.forEach(l -> l.accept(id, event.sequence()));
        return event;
    }

    /** Calls {@code listener} with the source and sequence of each event emitted on this server. */
    public void onEmit(BiConsumer<SourceId, Long> listener) {
        emitListeners.add(listener);
    }

    /**
     * Hands an event another server appended to this server's open streams of the source, if there are any.
     * The stream drops it if it already delivered it.
     */
    public void forwardAppended(SourceId id, long sequence) {
        if (hub.subscriberCount(topic(id)) == 0) {
            return;
        }
        for (SourceEvent event : sources.eventsAfter(id, sequence - 1, 1)) {
            if (event.sequence() == sequence) {
                hub.publish(topic(id), event);
            }
        }
    }

    @Override
    public EventStream subscribe(Principal caller, SourceId id, Optional<String> lastEventId) {
        access.require(caller, id);
        EventQueue live = hub.subscribe(topic(id), settings.streamBuffer());
        // Read after the live queue is open, so an event appended meanwhile is either counted here or queued.
        long newest = sources.lastSequence(id);
        // A Last-Event-ID beyond the newest event resumes at the newest, so that live events are not held back.
        Optional<Long> resumeAfter = lastEventId.flatMap(SourceEvent::sequenceOf).map(seen -> Math.min(seen, newest));
        return new SourceEventStream(sources, id, live, resumeAfter);
    }

    /** Drops events older than the retention age; run periodically. */
    public int purgeExpiredEvents() {
        return sources.purgeEventsBefore(clock.instant().minus(settings.retainAge()));
    }

    static String topic(SourceId id) {
        return "source:" + id.value();
    }
}
