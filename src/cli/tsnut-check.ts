export async function main(_argv: string[]): Promise<void> {
  process.stderr.write('tsnut check: not yet\n');
  process.exit(2);
}
