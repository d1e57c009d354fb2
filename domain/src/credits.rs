//! Exact credit arithmetic.
//!
//! One credit is 15 hours of instruction, 30 of laboratory or workshop, or 45 of field work
//! (DESIGN.md section 2). A [`Credits`] value counts ninetieths of a credit, 90 being the least
//! common multiple of 15, 30 and 45: an hour of instruction is 6/90 of a credit, of laboratory
//! 3/90, of field work 2/90. Every sum of hours is therefore an exact integer, and no float is
//! ever involved.
//!
//! # The rounding rule
//!
//! Values are exact; only their display rounds, and it rounds **down**, to one decimal place
//! ([`Credits::display_rounded`]). A partial credit is never rounded up, so nobody is ever shown
//! as having reached a minimum (or being eligible for a certificate) who has not. Eligibility
//! itself is decided on the exact value, never on the displayed one.

use std::iter::Sum;
use std::ops::Add;

use crate::DeliveryMode;

/// How many parts a credit is counted in: the least common multiple of 15, 30 and 45 hours.
const PARTS_PER_CREDIT: u64 = 90;
/// Parts of a credit in a tenth of a credit, the precision of the display.
const PARTS_PER_TENTH: u64 = PARTS_PER_CREDIT / 10;

/// An exact amount of credit, counted in ninetieths of a credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Credits(u64);

impl Credits {
    /// No credit.
    pub const ZERO: Credits = Credits(0);

    /// `credits` whole credits.
    pub fn from_whole(credits: u32) -> Credits {
        Credits(u64::from(credits) * PARTS_PER_CREDIT)
    }

    /// The credit earned by `hours` hours delivered in `mode`.
    pub fn from_hours(mode: DeliveryMode, hours: u32) -> Credits {
        let parts_per_hour = PARTS_PER_CREDIT / u64::from(mode.hours_per_credit());
        Credits(u64::from(hours) * parts_per_hour)
    }

    /// The credit of a module from its hours by delivery mode.
    pub fn from_module_hours(instruction: u32, laboratory: u32, field: u32) -> Credits {
        Credits::from_hours(DeliveryMode::Instruction, instruction)
            + Credits::from_hours(DeliveryMode::Laboratory, laboratory)
            + Credits::from_hours(DeliveryMode::Field, field)
    }

    /// The amount of `ninetieths` ninetieths of a credit, as read back from storage.
    pub fn from_ninetieths(ninetieths: u64) -> Credits {
        Credits(ninetieths)
    }

    /// The exact amount, in ninetieths of a credit (what to store).
    pub fn ninetieths(self) -> u64 {
        self.0
    }

    /// The sum, or `None` if it would overflow.
    pub fn checked_add(self, other: Credits) -> Option<Credits> {
        self.0.checked_add(other.0).map(Credits)
    }

    /// The difference, or `None` if `other` is larger (credits are never negative).
    pub fn checked_sub(self, other: Credits) -> Option<Credits> {
        self.0.checked_sub(other.0).map(Credits)
    }

    /// The credit still missing to reach `target`, zero once it is reached.
    pub fn shortfall_to(self, target: Credits) -> Credits {
        Credits(target.0.saturating_sub(self.0))
    }

    /// The whole credits in this amount, the fraction dropped (saturating at `u32::MAX`).
    pub fn whole_credits_floor(self) -> u32 {
        u32::try_from(self.0 / PARTS_PER_CREDIT).unwrap_or(u32::MAX)
    }

    /// The amount for people to read, rounded **down** to one decimal place, without a trailing
    /// `.0`: `"30"`, `"2.5"`, `"0.6"`. This is the rounding rule of the product: a partial credit
    /// is never rounded up, so nobody is shown as eligible who is not (see the module docs).
    ///
    /// ```
    /// use domain::{Credits, DeliveryMode};
    /// // 9 hours of instruction are 0.6 credit; 1 hour of field work (0.022...) shows as 0.
    /// assert_eq!(Credits::from_hours(DeliveryMode::Instruction, 9).display_rounded(), "0.6");
    /// assert_eq!(Credits::from_hours(DeliveryMode::Field, 1).display_rounded(), "0");
    /// // 449 hours of instruction are 29.93 credits: shown as 29.9, never as 30.
    /// assert_eq!(Credits::from_hours(DeliveryMode::Instruction, 449).display_rounded(), "29.9");
    /// ```
    pub fn display_rounded(self) -> String {
        let tenths = self.0 / PARTS_PER_TENTH;
        let (whole, tenth) = (tenths / 10, tenths % 10);
        if tenth == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{tenth}")
        }
    }
}

impl Add for Credits {
    type Output = Credits;

    /// Panics on overflow, which takes more than 10^17 credits.
    fn add(self, other: Credits) -> Credits {
        self.checked_add(other)
            .expect("a sum of credits overflowed u64 ninetieths")
    }
}

impl Sum for Credits {
    fn sum<I: Iterator<Item = Credits>>(iter: I) -> Credits {
        iter.fold(Credits::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Credits> for Credits {
    fn sum<I: Iterator<Item = &'a Credits>>(iter: I) -> Credits {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeliveryMode::{Field, Instruction, Laboratory};
    use proptest::prelude::*;

    /// Hours small enough that sums of a few stay far from any overflow.
    fn hours() -> impl Strategy<Value = u32> {
        0u32..100_000
    }

    /// The exact value of a displayed string, in tenths of a credit.
    fn displayed_tenths(display: &str) -> u64 {
        match display.split_once('.') {
            Some((whole, tenth)) => {
                assert_eq!(tenth.len(), 1, "one decimal place in {display:?}");
                assert_ne!(tenth, "0", "no trailing .0 in {display:?}");
                whole.parse::<u64>().unwrap() * 10 + tenth.parse::<u64>().unwrap()
            }
            None => display.parse::<u64>().unwrap() * 10,
        }
    }

    #[test]
    fn one_credit_in_every_mode() {
        let one = Credits::from_whole(1);
        assert_eq!(Credits::from_hours(Instruction, 15), one);
        assert_eq!(Credits::from_hours(Laboratory, 30), one);
        assert_eq!(Credits::from_hours(Field, 45), one);
        assert_eq!(one.ninetieths(), 90);
    }

    #[test]
    fn the_plans_thirty_credits_are_450_instruction_hours() {
        assert_eq!(Credits::from_hours(Instruction, 450), Credits::from_whole(30));
        assert_eq!(Credits::from_module_hours(450, 0, 0).whole_credits_floor(), 30);
        assert_eq!(Credits::from_hours(Instruction, 449).whole_credits_floor(), 29);
    }

    #[test]
    fn a_mixed_module_is_exact() {
        // 20 h instruction (4/3) + 10 h laboratory (1/3) + 15 h field (1/3) = 2 credits exactly.
        assert_eq!(Credits::from_module_hours(20, 10, 15), Credits::from_whole(2));
        // 1 h of each: 6 + 3 + 2 = 11 ninetieths.
        assert_eq!(Credits::from_module_hours(1, 1, 1).ninetieths(), 11);
    }

    #[test]
    fn display_rounds_down_to_one_decimal() {
        assert_eq!(Credits::ZERO.display_rounded(), "0");
        assert_eq!(Credits::from_whole(30).display_rounded(), "30");
        assert_eq!(Credits::from_hours(Laboratory, 75).display_rounded(), "2.5");
        assert_eq!(Credits::from_hours(Instruction, 9).display_rounded(), "0.6");
        // 8/90 = 0.0888...: below a tenth, so 0.
        assert_eq!(Credits::from_ninetieths(8).display_rounded(), "0");
        assert_eq!(Credits::from_ninetieths(9).display_rounded(), "0.1");
        // 2699/90 = 29.988...: never 30.
        assert_eq!(Credits::from_ninetieths(2699).display_rounded(), "29.9");
        assert_eq!(Credits::from_ninetieths(2700).display_rounded(), "30");
    }

    #[test]
    fn sums_and_differences() {
        let credits = [Credits::from_whole(1), Credits::from_hours(Field, 45)];
        assert_eq!(credits.iter().sum::<Credits>(), Credits::from_whole(2));
        assert_eq!(credits.into_iter().sum::<Credits>(), Credits::from_whole(2));
        assert_eq!(std::iter::empty::<Credits>().sum::<Credits>(), Credits::ZERO);
        assert_eq!(
            Credits::from_ninetieths(u64::MAX).checked_add(Credits::from_ninetieths(1)),
            None
        );
        assert_eq!(Credits::ZERO.checked_sub(Credits::from_whole(1)), None);
        assert_eq!(
            Credits::from_whole(30).shortfall_to(Credits::from_whole(60)),
            Credits::from_whole(30)
        );
        assert_eq!(
            Credits::from_whole(61).shortfall_to(Credits::from_whole(60)),
            Credits::ZERO
        );
        assert_eq!(Credits::from_ninetieths(u64::MAX).whole_credits_floor(), u32::MAX);
    }

    proptest! {
        #[test]
        fn module_hours_are_the_sum_of_their_modes(i in hours(), l in hours(), f in hours()) {
            prop_assert_eq!(
                Credits::from_module_hours(i, l, f),
                Credits::from_hours(Instruction, i)
                    + Credits::from_hours(Laboratory, l)
                    + Credits::from_hours(Field, f)
            );
        }

        #[test]
        fn modes_convert_at_15_30_and_45_hours_a_credit(n in hours()) {
            let whole = Credits::from_whole(n);
            prop_assert_eq!(Credits::from_hours(Instruction, 15 * n), whole);
            prop_assert_eq!(Credits::from_hours(Laboratory, 30 * n), whole);
            prop_assert_eq!(Credits::from_hours(Field, 45 * n), whole);
        }

        #[test]
        fn whole_credits_floor_is_exact_division(mode in prop::sample::select(DeliveryMode::ALL.to_vec()), h in hours()) {
            prop_assert_eq!(
                Credits::from_hours(mode, h).whole_credits_floor(),
                h / mode.hours_per_credit()
            );
        }

        #[test]
        fn display_is_the_exact_value_rounded_down(n in any::<u64>()) {
            let credits = Credits::from_ninetieths(n);
            let tenths = displayed_tenths(&credits.display_rounded());
            // Never more than the exact value, and less by under a tenth of a credit.
            prop_assert!(tenths * PARTS_PER_TENTH <= n);
            prop_assert!(u128::from(n) < u128::from(tenths + 1) * u128::from(PARTS_PER_TENTH));
        }

        #[test]
        fn addition_is_commutative_and_associative(
            a in 0u64..u64::MAX / 4, b in 0u64..u64::MAX / 4, c in 0u64..u64::MAX / 4,
        ) {
            let (a, b, c) = (
                Credits::from_ninetieths(a),
                Credits::from_ninetieths(b),
                Credits::from_ninetieths(c),
            );
            prop_assert_eq!(a + b, b + a);
            prop_assert_eq!((a + b) + c, a + (b + c));
            prop_assert_eq!(a + Credits::ZERO, a);
        }

        #[test]
        fn summing_hours_one_by_one_equals_converting_the_total(
            mode in prop::sample::select(DeliveryMode::ALL.to_vec()),
            sessions in prop::collection::vec(0u32..40, 0..50),
        ) {
            let one_by_one: Credits = sessions.iter().map(|h| Credits::from_hours(mode, *h)).sum();
            let total = Credits::from_hours(mode, sessions.iter().sum());
            prop_assert_eq!(one_by_one, total);
        }
    }
}
