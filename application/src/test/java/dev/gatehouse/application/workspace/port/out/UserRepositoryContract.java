package dev.gatehouse.application.workspace.port.out;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.Stores;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} must do; subclasses supply a fresh, empty store. */
public abstract class UserRepositoryContract {

    protected final TestData data = new TestData();
    protected Stores stores;
    protected UserRepository users;

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        stores = newStores();
        users = stores.users();
    }

    @Test
    void addThenFindByIdReturnsEveryField() {
        String passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$" + "h".repeat(43);
        User user = new User(UserId.generate(data.random()), "Ada.Lovelace@Example.com", "Ada Lövelace", passwordHash, T0);

        users.add(user);

        User found = users.findById(user.id()).orElseThrow();
        assertThat(found).isEqualTo(user);
        assertThat(found.email()).isEqualTo("Ada.Lovelace@Example.com");
        assertThat(found.username()).isEqualTo("Ada Lövelace");
        assertThat(found.passwordHash()).isEqualTo(passwordHash);
        assertThat(found.createdAt()).isEqualTo(T0);
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        users.add(data.user());

        assertThat(users.findById(UserId.generate(data.random()))).isEmpty();
    }

    @Test
    void findByEmailWhenSameCaseThenFound() {
        User user = data.user("ada@example.com", T0);
        users.add(user);

        assertThat(users.findByEmail("ada@example.com")).contains(user);
    }

    @Test
    void findByEmailWhenOtherCaseThenFound() {
        User user = data.user("Ada@Example.com", T0);
        users.add(user);

        assertThat(users.findByEmail("ada@EXAMPLE.COM")).contains(user);
    }

    @Test
    void findByEmailWhenUnknownThenEmpty() {
        users.add(data.user("ada@example.com", T0));

        assertThat(users.findByEmail("grace@example.com")).isEmpty();
        assertThat(users.findByEmail("ada@example.co")).isEmpty();
    }

    @Test
    void addWhenIdTakenThenRejectedAndFirstKept() {
        User first = data.user("ada@example.com", T0);
        users.add(first);
        User sameId = new User(first.id(), "grace@example.com", "grace", "fake:x", T0);

        assertThatThrownBy(() -> users.add(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(users.findById(first.id())).contains(first);
        assertThat(users.findByEmail("grace@example.com")).isEmpty();
    }

    @Test
    void addWhenEmailTakenInAnotherCaseThenRejected() {
        User first = data.user("ada@example.com", T0);
        users.add(first);
        User second = data.user("ADA@example.com", T0);

        assertThatThrownBy(() -> users.add(second)).isInstanceOf(RuntimeException.class);
        assertThat(users.findById(second.id())).isEmpty();
        assertThat(users.findByEmail("ada@example.com")).contains(first);
    }
}
