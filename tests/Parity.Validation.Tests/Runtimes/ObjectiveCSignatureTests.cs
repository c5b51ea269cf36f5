using System.Text.RegularExpressions;

namespace Parity.Validation.Tests.Runtimes;

/// <summary>
/// objc_msgSend must be called with the exact C signature of the method sent (on arm64 a double argument travels in a
/// float register, an integer in a general one), and a mismatch only shows on a Mac as garbage or a crash. These tests
/// read the interop source on any OS and check (1) that each Send* helper's function pointer matches the argument
/// kinds its name promises, and (2) that every selector sent goes through the helper matching Apple's declaration.
/// </summary>
public partial class ObjectiveCSignatureTests
{
    // Apple's declarations (Foundation, CoreML and CoreVideo headers), written by hand: argument kinds after (self, _cmd)
    // and the return kind. P = object or pointer, L = 64-bit integer (NSInteger, NSUInteger, long long, int64_t),
    // D = double, E = NSError ** out-parameter, V = void.
    private static readonly Dictionary<string, (string Arguments, char Returns)> Apple = new()
    {
        ["alloc"] = ("", 'P'), ["init"] = ("", 'P'), ["retain"] = ("", 'P'), ["release"] = ("", 'V'),
        ["stringWithUTF8String:"] = ("P", 'P'), ["UTF8String"] = ("", 'P'), ["localizedDescription"] = ("", 'P'),
        ["numberWithLongLong:"] = ("L", 'P'), ["longLongValue"] = ("", 'L'),
        ["arrayWithObjects:count:"] = ("PL", 'P'), ["count"] = ("", 'L'), ["objectAtIndex:"] = ("L", 'P'),
        ["dictionaryWithObjects:forKeys:count:"] = ("PPL", 'P'),
        ["fileURLWithPath:"] = ("P", 'P'), ["path"] = ("", 'P'),
        ["compileModelAtURL:error:"] = ("PE", 'P'),
        ["modelWithContentsOfURL:configuration:error:"] = ("PPE", 'P'),
        ["setComputeUnits:"] = ("L", 'V'),
        ["initWithDataPointer:shape:dataType:strides:deallocator:error:"] = ("PPLPPE", 'P'),
        ["shape"] = ("", 'P'), ["strides"] = ("", 'P'), ["dataType"] = ("", 'L'), ["dataPointer"] = ("", 'P'),
        ["featureValueWithMultiArray:"] = ("P", 'P'), ["featureValueWithPixelBuffer:"] = ("P", 'P'),
        ["featureValueWithDouble:"] = ("D", 'P'), ["featureValueWithInt64:"] = ("L", 'P'),
        ["initWithDictionary:error:"] = ("PE", 'P'),
        ["predictionFromFeatures:error:"] = ("PE", 'P'),
        ["featureValueForName:"] = ("P", 'P'), ["type"] = ("", 'L'), ["multiArrayValue"] = ("", 'P'),
        ["doubleValue"] = ("", 'D'), ["int64Value"] = ("", 'L'),
    };

    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "src", "Validation", "Runtimes", "CoreML");

    [Fact]
    public void Every_send_helper_casts_objc_msgSend_to_the_signature_its_name_promises()
    {
        var helpers = Helpers();
        Assert.True(helpers.Count >= 12, $"found only {helpers.Count} helpers; the scanner no longer matches the source");
        foreach (var (name, (arguments, returns)) in helpers)
        {
            var promised = name switch
            {
                "SendReturnLong" => ("", 'L'),
                "SendReturnDouble" => ("", 'D'),
                "SendVoidL" => ("L", 'V'),
                "SendMultiArrayInit" => ("PPLPPE", 'P'),
                "Release" => ("", 'V'),
                _ => (name["Send".Length..], 'P'),
            };
            Assert.Equal(promised, (arguments, returns));
        }
    }

    [Fact]
    public void Every_selector_is_sent_with_apples_declared_signature()
    {
        var helpers = Helpers();
        var calls = Calls().ToList();
        Assert.True(calls.Count >= 25, $"found only {calls.Count} calls; the scanner no longer matches the source");
        foreach (var (helper, selector, argumentCount) in calls)
        {
            Assert.True(Apple.TryGetValue(selector, out var declared), $"{selector} is sent but not in the table of Apple declarations");
            Assert.Equal((selector, declared), (selector, helpers[helper]));
            // The selector's colons are its argument count; the call passes receiver and selector plus those.
            Assert.Equal(selector.Count(c => c == ':'), declared.Arguments.Length);
            if (argumentCount >= 0) Assert.Equal((selector, declared.Arguments.Length + 2), (selector, argumentCount));
        }
    }

    // Name -> (argument kinds, return kind) read from each helper's `delegate* unmanaged<...>` cast.
    private static Dictionary<string, (string, char)> Helpers()
    {
        var source = File.ReadAllText(Path.Combine(Folder, "ObjectiveC.cs"));
        var result = new Dictionary<string, (string, char)>();
        foreach (Match m in HelperPattern().Matches(source))
        {
            var types = m.Groups["types"].Value.Split(',', StringSplitOptions.TrimEntries);
            // (id self, SEL _cmd, arguments..., return)
            var arguments = string.Concat(types[2..^1].Select(Kind));
            result[m.Groups["name"].Value] = (arguments, Kind(types[^1]));
        }
        return result;
    }

    private static char Kind(string type) => type switch
    {
        "nint" => 'P',
        "nint*" => 'E',
        "long" => 'L',
        "double" => 'D',
        "void" => 'V',
        _ => throw new InvalidOperationException($"unexpected type {type} in a msgSend cast"),
    };

    // (helper, selector, top-level argument count or -1 when the helper builds the selector itself) for every call site.
    private static IEnumerable<(string Helper, string Selector, int Arguments)> Calls()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.cs"))
        {
            var source = File.ReadAllText(file);
            foreach (Match m in CallPattern().Matches(source))
            {
                var arguments = TopLevelArguments(source, m.Index + m.Length);
                if (arguments.Count < 2 || !arguments[1].StartsWith('"')) continue;
                yield return (m.Groups["name"].Value, arguments[1].Trim('"'), arguments.Count);
            }
            foreach (Match m in SelectorPattern().Matches(source)) yield return ("SendMultiArrayInit", m.Groups["selector"].Value, -1);
            foreach (Match m in ReleasePattern().Matches(source)) yield return ("Release", "release", -1);
        }
    }

    private static List<string> TopLevelArguments(string source, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var from = start;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '"') i = source.IndexOf('"', i + 1);
            else if (c is '(' or '[' or '<') depth++;
            else if (c is ')' or ']' or '>' && depth > 0) depth--;
            else if (c == ')' || c == ',' && depth == 0)
            {
                arguments.Add(source[from..i].Trim());
                from = i + 1;
                if (c == ')') break;
            }
        }
        return arguments;
    }

    [GeneratedRegex(@"public \w+ (?<name>Send\w*|Release)\([^)]*\)\s*(?:=>|\{)[^;]*?\(\(delegate\* unmanaged<(?<types>[^>]+)>\)_msgSend\)", RegexOptions.Singleline)]
    private static partial Regex HelperPattern();

    [GeneratedRegex(@"\.(?<name>Send\w*)\(")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"Selector\(""(?<selector>initWithDataPointer[^""]+)""\)")]
    private static partial Regex SelectorPattern();

    [GeneratedRegex(@"Selector\(""release""\)")]
    private static partial Regex ReleasePattern();
}
