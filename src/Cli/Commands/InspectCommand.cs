using System.CommandLine;
using Parity.Cli.Rendering;
using Parity.Spec;

namespace Parity.Cli.Commands;

/// <summary>`parity inspect MODEL`: format, inputs, outputs, preprocessing and the layer table of one model file.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model file: Keras .h5/.hdf5/.keras." };
        var config = new Option<string?>("--config") { Description = "The model's JSON config (model.to_json()) for a Keras weights-only .h5 file." };
        var command = new Command("inspect", "Show a model's inputs, outputs and layers.") { model, config };
        command.SetAction(parse =>
        {
            var summary = ModelFiles.Summarize(parse.GetValue(model)!, parse.GetValue(config));
            SummaryView.Write(context.Console, summary);
            return ExitCodes.Agree;
        });
        return command;
    }
}
