#!/usr/bin/env bash
# Draws Loket's icon set from vector primitives (no downloaded artwork): a teal tile with a
# white counter window and a ticket. Re-run after changing the drawing; needs ImageMagick.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 1024x1024 xc:none \
  -fill '#0f5c63' -draw 'roundrectangle 64,64 960,960 180,180' \
  -fill '#ffffff' -draw 'roundrectangle 232,250 792,560 48,48' \
  -fill '#0f5c63' -draw 'roundrectangle 292,310 732,500 28,28' \
  -fill '#ffffff' -draw 'rectangle 180,600 844,660' \
  -fill '#f2b233' -draw 'roundrectangle 372,700 652,860 24,24' \
  -fill '#0f5c63' -draw 'rectangle 412,750 612,770' -draw 'rectangle 412,795 562,815' \
  PNG32:icon.png
for size in 32 128 256; do convert icon.png -resize ${size}x${size} PNG32:${size}x${size}.png; done
convert icon.png -resize 256x256 PNG32:128x128@2x.png
convert icon.png -define icon:auto-resize=256,48,32,16 icon.ico
