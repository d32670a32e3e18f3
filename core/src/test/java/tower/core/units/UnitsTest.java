package tower.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void convertsVendorSymbolsToSi() {
        assertThat(Units.require("mA", Dimension.CURRENT).toSi(1500)).isEqualTo(1.5);
        assertThat(Units.require("mA.h", Dimension.CHARGE).toSi(2)).isEqualTo(0.002);
        assertThat(Units.require("min", Dimension.TIME).toSi(2)).isEqualTo(120);
        assertThat(Units.require("h", Dimension.TIME).toSi(1)).isEqualTo(3600);
        assertThat(Units.require("ms", Dimension.TIME).toSi(1500)).isEqualTo(1.5);
        assertThat(Units.require("K", Dimension.TEMPERATURE).toSi(300)).isCloseTo(26.85, within(1e-9));
        assertThat(Units.require("°C", Dimension.TEMPERATURE).toSi(25)).isEqualTo(25);
        assertThat(Units.require("mWh", Dimension.ENERGY).toSi(5)).isEqualTo(0.005);
        assertThat(Units.require("mOhm", Dimension.RESISTANCE).toSi(20)).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void unknownUnitsAreErrorsNotGuesses() {
        assertThatThrownBy(() -> Units.require("furlongs", Dimension.TIME)).hasMessageContaining("unknown time unit 'furlongs'");
        assertThat(Units.parse("V", Dimension.CURRENT)).isEmpty();
    }
}
