package dev.gatehouse.application.testing;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.source.port.out.SourceRepositoryContract;
import dev.gatehouse.domain.source.SourceId;
import org.junit.jupiter.api.Test;

class InMemorySourceRepositoryTest extends SourceRepositoryContract {
    @Override
    protected Stores newStores() {
        return InMemoryStores.create();
    }

    @Test
    void appendWhenSourceMissingThenIllegalState() {
        assertThatThrownBy(() -> sources.append(SourceId.generate(data.random()), T0, "{}", 10))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void appendWhenSourceDeletedThenIllegalState() {
        var source = addSource();
        sources.delete(source.id());

        assertThatThrownBy(() -> sources.append(source.id(), T0, "{}", 10)).isInstanceOf(IllegalStateException.class);
    }
}
