package dev.gatehouse.application.testing;

import dev.gatehouse.application.console.port.out.ConsoleSessionRepositoryContract;

class InMemoryConsoleSessionRepositoryTest extends ConsoleSessionRepositoryContract {
    @Override
    protected Fixture newFixture() {
        return new Fixture(InMemoryStores.create(), new InMemoryConsoleSessionRepository());
    }
}
