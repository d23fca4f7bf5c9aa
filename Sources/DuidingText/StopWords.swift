/// Stop words: function words left out of word counts by default (`duiding explore`).
///
/// Dutch: the Snowball project's Dutch stop word list, the 101 words of
/// https://snowballstem.org/algorithms/dutch/stop.txt (the same list Debian ships as
/// `/usr/share/postgresql/15/tsearch_data/dutch.stop`), in its order. Licence of that list:
///
///     Copyright (c) 2001, Dr Martin Porter
///     Copyright (c) 2002, Richard Boulton
///     All rights reserved.
///
///     Redistribution and use in source and binary forms, with or without modification, are
///     permitted provided that the following conditions are met:
///     1. Redistributions of source code must retain the above copyright notice, this list of
///        conditions and the following disclaimer.
///     2. Redistributions in binary form must reproduce the above copyright notice, this list
///        of conditions and the following disclaimer in the documentation and/or other
///        materials provided with the distribution.
///     3. Neither the name of the Snowball project nor the names of its contributors may be
///        used to endorse or promote products derived from this software without specific
///        prior written permission.
///
///     THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY
///     EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
///     MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL
///     THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,
///     SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT
///     OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
///     INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
///     LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
///     OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
///
/// The words are already folded (lower case, plain ASCII), so they compare with
/// `LanguageResources.matchingForm`; clitics fold into them too (`'t` is het, `m'n` mijn).
public enum StopWords {
    /// The list for an ISO 639-1 code, or nil when Duiding has none for that language.
    public static func forLanguage(_ code: String) -> [String]? {
        switch code.lowercased() {
        case "nl": return dutch
        default: return nil
        }
    }

    /// Snowball's Dutch stop words, in the list's order.
    public static let dutch: [String] = [
        "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn",
        "is", "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan",
        "zou", "of", "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook",
        "tot", "je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben",
        "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets",
        "worden", "toch", "al", "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder",
        "kan", "hun", "dus", "alles", "onder", "ja", "eens", "hier", "wie", "werd", "altijd",
        "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen", "na", "reeds", "wil", "kon",
        "niets", "uw", "iemand", "geweest", "andere",
    ]
}
