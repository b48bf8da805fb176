package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DatabaseSecretsTest {
  private static final String PASSWORD = "hunter2";
  private static final Duration SHORT = Duration.ofMillis(500);

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root().detachAppender(logs);
    logs.stop();
  }

  @Test
  void aFailedConnectionToAUrlWithAPasswordNeverShowsIt() {
    DatabaseSettings settings =
        shared("jdbc:postgresql://twice:" + PASSWORD + "@127.0.0.1:1/x?password=" + PASSWORD, "");

    StoreException error = openFailing(settings);

    assertThat(error.getMessage()).contains("cannot").contains("127.0.0.1:1");
    assertThat(printed(error)).doesNotContain(PASSWORD);
    assertThat(logged()).doesNotContain(PASSWORD);
  }

  @Test
  void aFailedConnectionWithAPasswordSettingNeverShowsIt() {
    DatabaseSettings settings = shared("jdbc:postgresql://127.0.0.1:1/x", PASSWORD);

    StoreException error = openFailing(settings);

    assertThat(error.getMessage()).contains("127.0.0.1:1/x");
    assertThat(printed(error)).doesNotContain(PASSWORD);
    assertThat(logged()).doesNotContain(PASSWORD);
  }

  @Test
  void aMaskedExceptionKeepsTheClassNamesAndStackOfTheOriginal() {
    IllegalStateException original =
        new IllegalStateException(
            "outer", new IllegalArgumentException("host twice:" + PASSWORD + "@db unknown"));

    Throwable masked = Secrets.maskThrowable(original, List.of(PASSWORD));

    assertThat(printed(masked))
        .contains("java.lang.IllegalStateException: outer")
        .contains("Caused by: java.lang.IllegalArgumentException: host twice:****@db unknown")
        .doesNotContain(PASSWORD);
    assertThat(masked.getStackTrace()).isEqualTo(original.getStackTrace());
  }

  @Test
  void theDescriptionOfAUrlMasksItsPasswords() {
    DatabaseSettings settings =
        shared("jdbc:postgresql://twice:" + PASSWORD + "@db:5432/x?password=" + PASSWORD, "");

    String description = settings.describe();

    assertThat(description).isEqualTo("jdbc:postgresql://twice:****@db:5432/x?password=****");
  }

  private static StoreException openFailing(DatabaseSettings settings) {
    return catchThrowableOfType(
        StoreException.class, () -> Database.open(settings, 1, SHORT).close());
  }

  private static DatabaseSettings shared(String url, String password) {
    return new DatabaseSettings(Optional.of(url), "twice", password, Path.of("."));
  }

  private static String printed(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private String logged() {
    return logs.list.stream()
        .map(e -> e.getFormattedMessage() + " " + throwableText(e))
        .collect(Collectors.joining("\n"));
  }

  private static String throwableText(ILoggingEvent event) {
    return event.getThrowableProxy() == null
        ? ""
        : ThrowableProxyUtil.asString(event.getThrowableProxy());
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
