package io.tradenet.notary.storage;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statements the outbox mark sends, on a connection that records them: on PostgreSQL it asks its own
 * transaction not to wait for the WAL flush, on the embedded database it sends nothing of the kind, and a
 * failing update is rolled back with the connection given back in auto-commit mode.
 */
class OutboxMarkTest {

    /** A connection in auto-commit mode that records what it is sent; its UPDATE marks {@code rows} rows or throws. */
    private static final class Recording {
        final List<String> sent = new ArrayList<>();
        boolean autoCommit = true;
        final Integer rows;

        Recording(Integer rows) {
            this.rows = rows;
        }

        private <T> T proxy(Class<T> type, InvocationHandler handler) {
            return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
        }

        Connection connection() {
            return proxy(Connection.class, (p, method, args) -> switch (method.getName()) {
                case "getAutoCommit" -> autoCommit;
                case "setAutoCommit" -> {
                    autoCommit = (Boolean) args[0];
                    yield null;
                }
                case "createStatement" -> proxy(Statement.class, (s, m, a) -> switch (m.getName()) {
                    case "execute" -> sent.add((String) a[0]) && false;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
                case "prepareStatement" -> {
                    String sql = (String) args[0];
                    yield proxy(PreparedStatement.class, (s, m, a) -> switch (m.getName()) {
                        case "setLong", "close" -> null;
                        case "executeUpdate" -> {
                            sent.add(sql);
                            if (rows == null) {
                                throw new SQLException("connection lost");
                            }
                            yield rows;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
                }
                case "commit", "rollback" -> {
                    sent.add(method.getName().toUpperCase());
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });
        }
    }

    private static final String UPDATE = "UPDATE notary_batch SET published = TRUE WHERE id = ?";

    @Test
    void onPostgresqlTheMarkCommitsWithoutWaitingForItsWalFlushInATransactionOfItsOwn() throws SQLException {
        Recording db = new Recording(1);

        assertThat(new NotaryLog().markPublished(db.connection(), 7, true)).isEqualTo(1);

        assertThat(db.sent).containsExactly("SET LOCAL synchronous_commit = off", UPDATE, "COMMIT");
        assertThat(db.autoCommit).isTrue();
    }

    @Test
    void onTheEmbeddedDatabaseTheMarkIsAPlainCommit() throws SQLException {
        Recording db = new Recording(1);

        new NotaryLog().markPublished(db.connection(), 7, false);

        assertThat(db.sent).containsExactly(UPDATE, "COMMIT");
        assertThat(db.autoCommit).isTrue();
    }

    @Test
    void aFailedMarkIsRolledBackAndTheConnectionGivenBackInAutoCommitMode() {
        Recording db = new Recording(null);

        assertThatThrownBy(() -> new NotaryLog().markPublished(db.connection(), 7, true))
                .isInstanceOf(SQLException.class).hasMessage("connection lost");

        assertThat(db.sent).containsExactly("SET LOCAL synchronous_commit = off", UPDATE, "ROLLBACK");
        assertThat(db.autoCommit).isTrue();
    }

    @Test
    void aConnectionInsideAnotherTransactionIsRefusedUntouched() {
        Recording db = new Recording(1);
        db.autoCommit = false;

        assertThatThrownBy(() -> new NotaryLog().markPublished(db.connection(), 7, true)).isInstanceOf(IllegalStateException.class);

        assertThat(db.sent).isEmpty();
        assertThat(db.autoCommit).isFalse();
    }
}
