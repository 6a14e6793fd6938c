package dev.gatehouse.application.source.service;

import dev.gatehouse.domain.source.SourceEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process fan-out of newly emitted events to the open streams of each topic. Publishing never blocks:
 * each subscriber has a bounded queue, and a subscriber whose queue is full is marked overflowed and
 * dropped, so that a slow reader can neither stall an emitter nor another reader.
 */
public final class EventHub {

    private final Map<String, Set<EventQueue>> subscribers = new ConcurrentHashMap<>();

    /** Registers a queue of {@code capacity} events for {@code topic}; close it to unsubscribe. */
    public EventQueue subscribe(String topic, int capacity) {
        EventQueue queue = new EventQueue(capacity, q -> unsubscribe(topic, q));
        // Added inside compute: a set emptied and removed by a concurrent unsubscribe must not receive it.
        subscribers.compute(topic, (t, queues) -> {
            Set<EventQueue> set = queues == null ? ConcurrentHashMap.newKeySet() : queues;
            set.add(queue);
            return set;
        });
        return queue;
    }

    /** Offers the event to every queue of the topic, without waiting on any of them. */
    public void publish(String topic, SourceEvent event) {
        Set<EventQueue> queues = subscribers.get(topic);
        if (queues == null) {
            return;
        }
        for (EventQueue queue : queues) {
            if (!queue.offer(event)) {
                unsubscribe(topic, queue);
            }
        }
    }

    /** How many queues are open on {@code topic}. */
    public int subscriberCount(String topic) {
        Set<EventQueue> queues = subscribers.get(topic);
        return queues == null ? 0 : queues.size();
    }

    private void unsubscribe(String topic, EventQueue queue) {
        subscribers.computeIfPresent(topic, (t, queues) -> {
            queues.remove(queue);
            return queues.isEmpty() ? null : queues;
        });
    }
}
