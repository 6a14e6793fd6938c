package dev.gatehouse.application.source.service;

import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditLog.RecordedAuditEvent;
import dev.gatehouse.application.shared.InsufficientScopeException;
import dev.gatehouse.application.shared.NotFoundException;
import dev.gatehouse.application.shared.WorkspaceAccess;
import dev.gatehouse.application.source.port.in.EventStream;
import dev.gatehouse.application.source.port.in.SourceUseCases;
import dev.gatehouse.application.source.port.in.StreamedEvent;
import dev.gatehouse.domain.principal.Principal;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The built-in audit source of each workspace. Its streams read the audit log itself, so that they see the
 * events recorded by every server sharing the database. Event ids are {@code <ms>-<audit number>}; a stream
 * without {@code Last-Event-ID} starts with the events to come.
 *
 * <p>The log is read by {@link #poll()}, which the server calls every {@link #POLL_INTERVAL}: one read per
 * workspace that has open streams, however many streams it has. An event that a server tells of is read at once
 * instead ({@link #recorded}: this server's own, and on PostgreSQL the others' through their cluster signals);
 * the polls find whatever no one told of. Each workspace keeps its newest
 * {@value #KEPT} events in memory, and its streams take theirs from there, woken when new ones arrive.
 *
 * <p>Audit numbers are handed out when an event is inserted, so two events recorded at the same moment may
 * commit out of order. A stream reading the log itself would re-read the last {@value #REREAD} numbers below
 * the newest it delivered, and skip those it has delivered, so that a late commit is not lost. The shared read
 * keeps that promise for every stream: it starts {@value #REREAD} numbers below the stream furthest back, and
 * each page re-reads the end of the one before. A stream reads the log itself while the last shared read did
 * not cover it: until a read has started since it subscribed, and while it is further back than the
 * {@value #WINDOW} newest kept events (resuming from an older {@code Last-Event-ID}, or falling behind).
 */
public final class AuditStreamService implements SourceUseCases.SubscribeToAuditUseCase {

    public static final Scope AUDIT_READ = new Scope("audit:read");
    /** How often {@link #poll()} is meant to run. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    static final int PAGE = 100;
    static final int REREAD = 64;
    static final int KEPT = 1_024;
    /** How many kept events back a read goes for the stream furthest back; one further back reads the log itself. */
    static final int WINDOW = 256;
    /** At most this many pages per workspace and poll; a larger burst is read on by the next polls. */
    private static final int PAGES_PER_POLL = 8;

    private final AuditLog audit;
    private final WorkspaceAccess access;
    private final Executor earlyReads;
    private final Map<WorkspaceId, Tail> tails = new ConcurrentHashMap<>();

    /** A service whose reads for {@link #recorded} run on {@code earlyReads} (the server's maintenance thread). */
    public AuditStreamService(AuditLog audit, WorkspaceAccess access, Executor earlyReads) {
        this.audit = audit;
        this.access = access;
        this.earlyReads = earlyReads;
    }

    @Override
    public EventStream subscribe(Principal caller, WorkspaceId workspace, Optional<String> lastEventId) {
        if (caller instanceof Principal.User user) {
            access.requireAdmin(user.userId(), workspace);
        } else if (caller instanceof Principal.WorkspaceClient client) {
            if (!client.workspaceId().equals(workspace)) {
                throw new NotFoundException("workspace " + workspace + " not found");
            }
            if (!client.scopes().grants(AUDIT_READ)) {
                throw new InsufficientScopeException(AUDIT_READ);
            }
        }
        long latest = audit.latestId(workspace);
        // A Last-Event-ID beyond the newest event (from another database, say) resumes at the newest.
        long after = Math.min(lastEventId.flatMap(SourceEvent::sequenceOf).orElse(latest), latest);
        AuditEventStream[] opened = new AuditEventStream[1];
        // the stream joins its tail inside compute, so that a closing stream never drops a tail being joined
        tails.compute(workspace, (id, existing) -> {
            Tail tail = existing == null ? new Tail(id, latest) : existing;
            opened[0] = new AuditEventStream(tail, after);
            return tail;
        });
        return opened[0];
    }

    /**
     * Reads the audit log once for each workspace that has open streams, and wakes the streams that have new
     * events. The server runs it every {@link #POLL_INTERVAL}; streams see a new event once it has run, unless
     * they are reading the log themselves at the time. Every workspace is read even when one read fails; the
     * first failure is then thrown.
     */
    public void poll() {
        forEach(tails.values(), Tail::refresh);
    }

    /**
     * Tells the service that an event of {@code workspace} is stored (its transaction committed). If the
     * workspace has open streams, its log is read on the executor of early reads instead of at the next poll.
     * Events told of while such a read waits to run are covered by it. A failed early read is left to the next
     * poll, which reads the same events and reports its failure.
     */
    public void recorded(WorkspaceId workspace) {
        Tail tail = tails.get(workspace);
        if (tail == null || !tail.readRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            earlyReads.execute(() -> {
                tail.readRequested.set(false);
                if (tails.get(workspace) != tail) {
                    return; // its last stream closed meanwhile
                }
                try {
                    tail.refresh();
                } catch (RuntimeException e) {
                    // the next poll reads the same events, and reports the failure if it lasts
                }
            });
        } catch (RejectedExecutionException e) {
            tail.readRequested.set(false); // the server is stopping
        }
    }

    /** Runs {@code action} on every item, even when it fails on some; then throws the first failure, if any. */
    private static <T> void forEach(Iterable<T> items, Consumer<T> action) {
        RuntimeException failure = null;
        for (T item : items) {
            try {
                action.accept(item);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** How many workspaces have open audit streams (each costs one read per poll). */
    public int watchedWorkspaces() {
        return tails.size();
    }

    /**
     * One workspace's newest audit events, shared by its open streams.
     *
     * <p>Each read starts {@value #REREAD} numbers below the position of the furthest-back stream it serves
     * (at most {@value #WINDOW} kept events back), so a late commit within that distance of any such stream
     * is found, as if each stream had read the log itself. A stream further back than where the last read
     * started reads the log itself.
     */
    private final class Tail {

        private final WorkspaceId workspace;
        /** Every event numbered above {@code floor} that had committed at the last read. */
        private final TreeMap<Long, Kept> events = new TreeMap<>();
        private final Set<AuditEventStream> members = ConcurrentHashMap.newKeySet();
        private long floor;
        /** Where the last read started: every event above it that had committed by then is kept. */
        private long verifiedFrom = Long.MAX_VALUE;
        /** Reads started so far, and the number of the one that set {@code verifiedFrom}. */
        private long readsStarted;
        private long verifiedRead;
        private volatile long version;
        /** Held for the whole of a read, so that a poll and an early read of the same workspace never overlap. */
        private final Object reading = new Object();
        /** Set while an early read of this workspace waits to run. */
        private final AtomicBoolean readRequested = new AtomicBoolean();

        Tail(WorkspaceId workspace, long latest) {
            this.workspace = workspace;
            this.floor = Math.max(0, latest - REREAD);
        }

        /** Adds a stream; returns the number of reads started before it, none of which took it into account. */
        synchronized long join(AuditEventStream stream) {
            members.add(stream);
            return readsStarted;
        }

        void refresh() {
            synchronized (reading) {
                read();
            }
        }

        private void read() {
            long from;
            long number;
            synchronized (this) {
                number = ++readsStarted;
                long furthestBack = events.isEmpty() ? floor : events.lastKey();
                for (AuditEventStream stream : members) {
                    furthestBack = Math.min(furthestBack, stream.position);
                }
                from = Math.max(floor, Math.max(furthestBack, windowStart()) - REREAD);
            }
            long start = from;
            List<RecordedAuditEvent> read = new ArrayList<>();
            for (int page = 0; page < PAGES_PER_POLL; page++) {
                List<RecordedAuditEvent> batch = audit.after(workspace, from, PAGE + REREAD);
                read.addAll(batch);
                if (batch.size() < PAGE + REREAD) {
                    break;
                }
                // the next page re-reads the end of this one, for what committed late meanwhile
                from = batch.get(batch.size() - 1).id() - REREAD;
            }
            boolean fresh = false;
            synchronized (this) {
                for (RecordedAuditEvent event : read) {
                    if (event.id() > floor && !events.containsKey(event.id())) {
                        events.put(event.id(), new Kept(event));
                        fresh = true;
                    }
                }
                while (events.size() > KEPT) {
                    floor = events.pollFirstEntry().getKey();
                }
                verifiedFrom = Math.max(start, floor);
                verifiedRead = number;
                if (fresh) {
                    version++;
                }
            }
            if (fresh) {
                // a stream that fails to be woken does not keep the others from it
                forEach(members, AuditEventStream::signal);
            }
        }

        /** The number of the {@value #WINDOW}th newest kept event: reads start no further back than that. */
        private long windowStart() {
            if (events.size() <= WINDOW) {
                return floor;
            }
            int counted = 0;
            for (long id : events.descendingKeySet()) {
                if (++counted == WINDOW) {
                    return id;
                }
            }
            return floor;
        }

        /**
         * The kept events numbered above {@code from}, oldest first, for a stream that joined after
         * {@code joinedAfter} reads had started. Empty when the last read started before the stream joined, or
         * did not start that far back, so that late commits there may be missing.
         */
        synchronized Optional<List<Kept>> after(long from, long joinedAfter) {
            if (verifiedRead <= joinedAfter || from < verifiedFrom || from < floor) {
                return Optional.empty();
            }
            return Optional.of(new ArrayList<>(events.tailMap(from, false).values()));
        }

        long version() {
            return version;
        }
    }

    /** A recorded event and the form streams deliver it in, made once for all the workspace's streams. */
    private record Kept(RecordedAuditEvent recorded, StreamedEvent streamed) {

        Kept(RecordedAuditEvent recorded) {
            this(recorded, streamed(recorded));
        }

        private static StreamedEvent streamed(RecordedAuditEvent event) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", event.type());
            payload.put("workspace_id", event.workspaceId().value());
            payload.put("at", event.at().toString());
            payload.putAll(event.details());
            String id = event.at().toEpochMilli() + "-" + event.id();
            return StreamedEvent.structured(id, event.at().toEpochMilli(), payload);
        }
    }

    private final class AuditEventStream implements EventStream {

        private final Tail tail;
        private final Deque<Kept> pending = new ArrayDeque<>();
        private final NavigableSet<Long> delivered = new TreeSet<>();
        private final long resumedAfter;
        private final Semaphore wakeups = new Semaphore(0);
        private volatile Runnable listener = () -> { };
        private long lastDelivered;
        /** {@code lastDelivered}, for the tail's reads. */
        private volatile long position;
        /** How many of the tail's reads had started when this stream joined it. */
        private final long joinedAfter;
        /** The tail's version when this stream last looked at it with nothing older left to read; -1 before. */
        private long seenVersion = -1;
        private boolean closed;
        /** Set by {@link #catchUp()}: the stream reads the log itself from then on. */
        private boolean direct;

        AuditEventStream(Tail tail, long after) {
            this.tail = tail;
            this.resumedAfter = after;
            this.lastDelivered = after;
            this.position = after;
            this.joinedAfter = tail.join(this);
        }

        @Override
        public Optional<StreamedEvent> next(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (pending.isEmpty()) {
                wakeups.drainPermits();
                collect();
                if (!pending.isEmpty()) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                wakeups.tryAcquire(left, TimeUnit.NANOSECONDS);
            }
            Kept event = pending.poll();
            long number = event.recorded().id();
            lastDelivered = Math.max(lastDelivered, number);
            position = lastDelivered;
            delivered.add(number);
            delivered.headSet(lastDelivered - REREAD, true).clear();
            return Optional.of(event.streamed());
        }

        /** Fills {@code pending} from the workspace's kept events, or from the log while this stream is further back. */
        private void collect() {
            long version = tail.version();
            if (version == seenVersion) {
                return; // nothing arrived since this stream last took everything there was
            }
            long from = Math.max(0, lastDelivered - REREAD);
            Optional<List<Kept>> kept = direct ? Optional.empty() : tail.after(from, joinedAfter);
            List<Kept> found = kept.orElseGet(() -> audit.after(tail.workspace, from, PAGE + REREAD).stream().map(Kept::new).toList());
            for (Kept event : found) {
                long number = event.recorded().id();
                if (number > resumedAfter && !delivered.contains(number)) {
                    pending.add(event);
                }
            }
            // once caught up with the kept events, look again only when the tail has new ones
            seenVersion = kept.isPresent() && pending.isEmpty() ? version : -1;
        }

        @Override
        public void catchUp() {
            direct = true;
            seenVersion = -1;
        }

        void signal() {
            wakeups.release();
            listener.run();
        }

        @Override
        public void onAvailable(Runnable listener) {
            this.listener = listener;
        }

        @Override
        public boolean overflowed() {
            return false;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            tails.computeIfPresent(tail.workspace, (id, open) -> {
                open.members.remove(this);
                return open.members.isEmpty() ? null : open;
            });
        }
    }
}
