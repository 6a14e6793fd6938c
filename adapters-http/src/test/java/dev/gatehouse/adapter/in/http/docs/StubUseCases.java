package dev.gatehouse.adapter.in.http.docs;

import dev.gatehouse.adapter.in.http.HttpUseCases;
import dev.gatehouse.domain.scope.ScopeCatalog;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * {@link HttpUseCases} whose use cases all refuse to be called: enough to build the server and read its routes,
 * or to serve the routes that need no use case (the docs and {@code /health}). Built from the record's own
 * components, so a use case added to it later needs no change here.
 */
final class StubUseCases {

    private StubUseCases() {}

    static HttpUseCases create() {
        RecordComponent[] components = HttpUseCases.class.getRecordComponents();
        Object[] values = Arrays.stream(components).map(c -> stub(c.getType())).toArray();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return HttpUseCases.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object stub(Class<?> type) {
        if (type == ScopeCatalog.class) {
            return ScopeCatalog.standard();
        }
        if (type == BooleanSupplier.class) {
            return (BooleanSupplier) () -> true;
        }
        if (!type.isInterface()) {
            throw new IllegalStateException("no stub for " + type.getName());
        }
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "stub " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            }
            throw new UnsupportedOperationException("the stub " + type.getSimpleName() + " was called: " + method.getName());
        });
    }
}
