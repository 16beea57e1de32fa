package io.kafkademo.app.logging;

import org.junit.jupiter.api.Test;

import static io.kafkademo.app.logging.PlainConsolePatternEncoder.withoutColourWrappers;
import static org.assertj.core.api.Assertions.assertThat;

class PlainConsolePatternEncoderTests {

	@Test
	void bootsPatternLosesOnlyItsWrappers() {
		String boots = "%clr(%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}){faint} %clr(%5p){} %clr(4242){magenta} "
				+ "%clr(--- %esb(){APPLICATION_NAME}%esb{APPLICATION_GROUP}[%15.15t] ){faint}"
				+ "%clr(%-40.40logger{39}){cyan} %clr(:){faint} %m%n%wEx";
		assertThat(withoutColourWrappers(boots)).isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p 4242 "
				+ "--- %esb(){APPLICATION_NAME}%esb{APPLICATION_GROUP}[%15.15t] %-40.40logger{39} : %m%n%wEx");
	}

	@Test
	void nestedWrappersAndAWrapperWithoutStyleGo() {
		assertThat(withoutColourWrappers("%clr(a %clr(%m){red} b) %clr(%p)")).isEqualTo("a %m b %p");
	}

	@Test
	void parenthesesInOptionsAndEscapedOnesDoNotCloseAWrapper() {
		assertThat(withoutColourWrappers("%clr(%d{'('HH:mm'('}){faint}")).isEqualTo("%d{'('HH:mm'('}");
		assertThat(withoutColourWrappers("%clr(a\\)b){faint}")).isEqualTo("a\\)b");
	}

	@Test
	void aWrapperThatPadsOrIsEscapedStays() {
		assertThat(withoutColourWrappers("%-20clr(%m){red}")).isEqualTo("%-20clr(%m){red}");
		assertThat(withoutColourWrappers("\\%clr(%m)")).isEqualTo("\\%clr(%m)");
	}

	@Test
	void aPatternItCannotReadIsLeftAsItIs() {
		assertThat(withoutColourWrappers("%m %clr(%p")).isEqualTo("%m %clr(%p");
		assertThat(withoutColourWrappers("%clr(%p){red")).isEqualTo("%clr(%p){red");
	}

}
