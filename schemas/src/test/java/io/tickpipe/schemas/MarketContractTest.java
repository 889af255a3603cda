package io.tickpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.common.schema.CompatibilityLevel;
import org.junit.jupiter.api.Test;

class MarketContractTest {
    @Test
    void namesTopicsSubjectsAndDeadLetterTopics() {
        assertThat(MarketContract.TRADES.topic("market")).isEqualTo("market.trades");
        assertThat(MarketContract.QUOTES.valueSubject("market")).isEqualTo("market.quotes-value");
        assertThat(MarketContract.TRADES.deadLetterTopic("paper")).isEqualTo("paper.trades.dlq");
        assertThat(MarketContract.forRecord("io.tickpipe.market.Quote")).isEqualTo(MarketContract.QUOTES);
        assertThatThrownBy(() -> MarketContract.forRecord("io.tickpipe.market.Bar")).hasMessageContaining("io.tickpipe.market.Bar");
    }

    @Test
    void levelsComeFromTheDeclarationTheBuildGateEnforces() {
        assertThat(MarketContract.TRADES.compatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(MarketContract.QUOTES.compatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }
}
