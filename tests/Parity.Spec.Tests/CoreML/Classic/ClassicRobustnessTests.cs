using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Damaged copies of the bundled tree ensemble and SVM conversions (a bit pattern flipped at offsets across the whole
/// file) either load and run on a row of zeros, or stop with a ModelFormatException / UnsupportedLayerException: the
/// readers check node references, cycles, counts and sizes before the kernels see them.
/// </summary>
public class ClassicRobustnessTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("xgboost_classifier")]
    [InlineData("xgboost_regressor")]
    [InlineData("sklearn_random_forest")]
    [InlineData("libsvm_c_svc")]
    [InlineData("libsvm_epsilon_svr")]
    [InlineData("sklearn_svc_rbf")]
    public async Task Damaged_models_load_and_run_or_fail_cleanly(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.CoreMLFixtures, name, "model.mlmodel"), TestContext.Current.CancellationToken);
        using var temp = new TemporaryDirectory();
        await Task.Run(() =>
        {
            // About 150 offsets spread over the file (an odd stride, so the nodes' and vectors' tags, ids, indices
            // and doubles all get hit somewhere) and the first 32 bytes, which steer the whole parse.
            var stride = Math.Max(1, bytes.Length / 150) | 1;
            foreach (var position in Enumerable.Range(0, Math.Min(32, bytes.Length)).Concat(Enumerable.Range(0, bytes.Length / stride).Select(k => k * stride)).Distinct())
            {
                foreach (var mask in new byte[] { 0xFF, 0x01 })
                {
                    var damaged = (byte[])bytes.Clone();
                    damaged[position] ^= mask;
                    LoadsAndRunsOrFailsCleanly(temp.WriteFile("damaged.mlmodel", damaged));
                }
            }
        }, TestContext.Current.CancellationToken);
    }

    private static void LoadsAndRunsOrFailsCleanly(string path)
    {
        ExecutableModel model;
        try
        {
            model = ModelFiles.Load(path);
        }
        catch (ModelFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Problem));
            return;
        }
        catch (UnsupportedLayerException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return;
        }
        var inputs = model.Graph.Inputs.ToDictionary(i => i.Name, i => Tensor.Zeros(i.Type.DType, i.Type.Shape));
        try
        {
            using var result = Executor.Run(model.Graph, inputs);
        }
        finally
        {
            foreach (var tensor in inputs.Values) tensor.Dispose();
        }
    }
}
