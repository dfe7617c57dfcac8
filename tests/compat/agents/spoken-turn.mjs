// One spoken turn through the OpenAI Agents SDK for JavaScript (@openai/agents-realtime: RealtimeAgent,
// RealtimeSession, WebSocket transport), unchanged. Inputs (environment): ACTORVOICE_URL (ws:// or wss:// realtime
// URL), ACTORVOICE_API_KEY, ACTORVOICE_PCM (raw PCM16 mono 24 kHz), ACTORVOICE_MODE ("tool": the agent has one
// client-side function tool, ask_documents(question: string); "plain": no tools).
// Prints one JSON line { transcript, audioBytes, spoken, toolCalls, errors, types } and exits 0; exits 1 when the
// turn does not complete.
import { readFileSync } from 'node:fs';
import { RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';
import { z } from 'zod';

const url = process.env.ACTORVOICE_URL;
const apiKey = process.env.ACTORVOICE_API_KEY;
const pcm = readFileSync(process.env.ACTORVOICE_PCM);
const withTool = process.env.ACTORVOICE_MODE === 'tool';
const toolAnswer = 'Employees get twenty five days of paid vacation a year.';

const types = [];
const errors = [];
const toolCalls = [];
let transcript = null;
let spoken = null;
let audioBytes = 0;
let session;

const finish = (code, message) => {
  if (message) console.error(message);
  console.log(JSON.stringify({ transcript, audioBytes, spoken, toolCalls, errors, types }));
  session?.close();
  process.exit(code);
};
setTimeout(() => finish(1, 'timed out waiting for the spoken turn'), 90_000).unref();

const askDocuments = tool({
  name: 'ask_documents',
  description: "Looks the user's question up in the organisation's documents.",
  parameters: z.object({ question: z.string().describe("The user's question.") }),
  execute: async ({ question }) => {
    toolCalls.push(question);
    return toolAnswer;
  },
});

const agent = new RealtimeAgent({
  name: 'Assistant',
  instructions: 'Answer briefly from the documents.',
  tools: withTool ? [askDocuments] : [],
});

session = new RealtimeSession(agent, {
  transport: 'websocket',
  model: 'gpt-realtime',
  config: {
    outputModalities: ['audio'],
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: { model: 'gpt-4o-transcribe', language: 'en' },
        turnDetection: { type: 'server_vad', threshold: 0.5, silenceDurationMs: 500, createResponse: true, interruptResponse: true },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' },
    },
  },
});

// Every error the SDK reports: a server error event, or an event it could not parse (the SDK's own zod checks).
session.on('error', (event) => errors.push(String(event?.error?.message ?? event?.error?.error?.message ?? JSON.stringify(event?.error ?? event))));
session.on('audio', (event) => {
  audioBytes += event.data.byteLength;
});
session.transport.on('*', (event) => {
  types.push(event.type);
  if (event.type === 'conversation.item.input_audio_transcription.completed') {
    transcript = event.transcript;
  }
  if (event.type === 'response.output_audio_transcript.done') {
    spoken = event.transcript;
  }
  if (event.type === 'response.done') {
    const spokeMessage = (event.response?.output ?? []).some((item) => item.type === 'message');
    // With the tool, the first response is the function call; the turn ends when the tool's answer was spoken. A
    // response cancelled by a later speech segment (server VAD with interrupt_response) does not end the turn either.
    if (spokeMessage && event.response?.status === 'completed') {
      setTimeout(() => finish(0), 200);
    }
  }
});

try {
  await session.connect({ apiKey, url });
} catch (err) {
  finish(1, `connect failed: ${err?.message ?? err}`);
}

const chunk = 4800; // 100 ms of PCM16 at 24 kHz
for (let offset = 0; offset < pcm.length; offset += chunk) {
  const piece = pcm.subarray(offset, Math.min(offset + chunk, pcm.length));
  session.sendAudio(piece.buffer.slice(piece.byteOffset, piece.byteOffset + piece.byteLength));
}
